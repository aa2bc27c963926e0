package io.stowage.http;

import io.stowage.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the Apache HttpClient 5 (classic, blocking) an HTTP store uses. The client was chosen
 * by measurement (see the module's README figures): it streams at loopback speed with a few
 * MiB of heap, and it lets every safety rule sit where it belongs: redirects, retries,
 * decompression and cookies are off (this module does them itself, checking each hop), the
 * host rules run inside name resolution, TLS verification is on unless configured off.
 */
final class HttpClientFactory {
    private HttpClientFactory() {}

    record Client(CloseableHttpClient http, PoolingHttpClientConnectionManager connections) {}

    /**
     * @param names the resolver asked for host names; the host rules are applied to its answers
     */
    static Client create(HttpStoreConfig config, HostRules rules, DnsResolver names, String subject)
            throws InvalidConfigurationException {
        SSLContext ssl;
        if (config.tlsInsecure()) {
            ssl = TlsContexts.insecure(subject);
        } else if (config.caFile().isPresent()) {
            ssl = TlsContexts.trusting(Path.of(config.caFile().get()), subject);
        } else {
            ssl = TlsContexts.jdkDefault(subject);
        }
        DefaultClientTlsStrategy tls = config.tlsInsecure()
                ? new DefaultClientTlsStrategy(ssl, HostnameVerificationPolicy.CLIENT, NoopHostnameVerifier.INSTANCE)
                : new DefaultClientTlsStrategy(ssl, HostnameVerificationPolicy.BOTH, new DefaultHostnameVerifier());
        Timeout connect = Timeout.of(config.connectTimeoutMillis(), TimeUnit.MILLISECONDS);
        Timeout read = Timeout.of(config.readTimeoutMillis(), TimeUnit.MILLISECONDS);
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(tls)
                .setDnsResolver(new RuleCheckingDnsResolver(rules, names))
                .setMaxConnTotal(config.maxConnections())
                .setMaxConnPerRoute(config.maxConnections())
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).setTcpNoDelay(true).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(read)
                        .setValidateAfterInactivity(1, TimeUnit.SECONDS)
                        .build())
                .build();
        RequestConfig requests = RequestConfig.custom()
                .setRedirectsEnabled(false)
                .setConnectionRequestTimeout(connect)
                .setResponseTimeout(read)
                .build();
        CloseableHttpClient http = HttpClientBuilder.create()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(requests)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("stowage-http")
                .build();
        return new Client(http, connections);
    }
}
