package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends {@link ApiRequest}s to API servers over one pooled Apache HttpClient 5 (classic,
 * blocking). Its read timeout applies to every read of a body, so a server that stalls in the
 * middle of an image is given up on like one that is down. Redirects, automatic retries (the
 * client retries itself, on the next server), decompression and cookies are off. The token goes
 * in {@code X-Auth-Token} and nowhere else.
 *
 * <p>A request with {@code Expect: 100-continue} sends its head and waits up to
 * {@link #WAIT_FOR_CONTINUE} (at most the read timeout) for the server: {@code 100 Continue}, and
 * the body goes; a final status instead (a refusal), and the body is not sent and the connection
 * is not reused (HttpClient sends a body of at most 1 KiB anyway, to keep the connection); no
 * answer in time, and the body goes all the same.
 */
final class ApiHttp implements Closeable {
    /**
     * How long a request that expects {@code 100 Continue} waits for it before it sends its body:
     * longer than HttpClient's 3 s, so that a refusal decided slowly on a loaded server still
     * arrives before the body (a body sent into a refusal meets a closed connection).
     */
    static final Duration WAIT_FOR_CONTINUE = Duration.ofSeconds(10);

    private final CloseableHttpClient http;
    private final Optional<String> token;

    ApiHttp(Duration connectTimeout, Duration readTimeout, int maxConnections, Optional<String> token) {
        this.token = requireNonNull(token, "token is null");
        Timeout connect = Timeout.of(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        Timeout read = Timeout.of(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        Timeout waitForContinue = Timeout.of(Math.min(WAIT_FOR_CONTINUE.toMillis(), readTimeout.toMillis()), TimeUnit.MILLISECONDS);
        this.http = HttpClientBuilder.create()
                .setRequestExecutor(new HttpRequestExecutor(
                        Http1Config.custom().setWaitForContinueTimeout(waitForContinue).build(), null, null))
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).setTcpNoDelay(true).build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(read)
                                .setValidateAfterInactivity(1, TimeUnit.SECONDS)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(read)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("stowage-image-client")
                .build();
    }

    /**
     * Sends {@code request} to {@code server} and returns its answer, whatever the status.
     *
     * @throws IOException when no answer came: the connection failed, timed out or broke
     */
    ApiExchange send(URI server, ApiRequest request) throws IOException {
        HttpUriRequestBase message = new HttpUriRequestBase(request.method(), URI.create(server + request.pathAndQuery()));
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        token.ifPresent(value -> message.setHeader("X-Auth-Token", value));
        request.body().ifPresent(message::setEntity);
        ClassicHttpResponse response = http.executeOpen(null, message, null);
        return new ApiExchange(server, message, response);
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
