package io.stowage.http;

import static java.util.Objects.requireNonNull;

import io.stowage.PermissionDeniedException;
import io.stowage.BackendUnavailableException;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.MalformedResponseException;
import io.stowage.ObjectNotFoundException;
import io.stowage.Redaction;
import io.stowage.StoreException;
import io.stowage.support.Backoff;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpHead;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.routing.RoutingSupport;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the requests of an HTTP store: follows redirects itself (301, 302, 303, 307, 308,
 * relative {@code Location}s included, up to {@code maxRedirects}, loops refused, no change of
 * scheme but http to https, every target checked against the host rules), retries 5xx, 408,
 * 429 and connection failures after a {@link Backoff} pause (or the server's {@code Retry-After}
 * seconds, when longer), and turns the final status into the
 * store's errors (400 and 414, a URL the server cannot take, are invalid locations). Basic-auth credentials go only to the origin of the location itself.
 */
final class HttpExchanges implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpExchanges.class);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** What to ask for. */
    record Request(String method, Optional<String> range, Optional<String> ifRange, Set<Integer> handledStatuses) {
        Request {
            requireNonNull(method, "method is null");
            requireNonNull(range, "range is null");
            requireNonNull(ifRange, "ifRange is null");
            handledStatuses = Set.copyOf(handledStatuses);
        }

        static Request head(Set<Integer> handledStatuses) {
            return new Request("HEAD", Optional.empty(), Optional.empty(), handledStatuses);
        }

        static Request get(Optional<String> range, Optional<String> ifRange, Set<Integer> handledStatuses) {
            return new Request("GET", range, ifRange, handledStatuses);
        }
    }

    private final HttpStoreConfig config;
    private final HostRules rules;
    private final HttpClientFactory.Client client;
    private final Optional<String> authorization;
    private final Backoff backoff;
    private final String subject;
    private volatile boolean closed;

    /**
     * @param names the resolver asked for host names (the system's, but for tests)
     */
    HttpExchanges(HttpStoreConfig config, DnsResolver names, String subject) throws StoreException {
        this.config = requireNonNull(config, "config is null");
        this.rules = config.hostRules();
        this.client = HttpClientFactory.create(config, rules, names, subject);
        this.authorization = config.hasCredentials()
                ? Optional.of("Basic " + Base64.getEncoder().encodeToString(
                        (config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8)))
                : Optional.empty();
        this.backoff = Backoff.exponential(Duration.ofMillis(config.retryBackoffMillis()),
                Duration.ofMillis(config.maxRetryBackoffMillis()));
        this.subject = subject;
    }

    HostRules rules() {
        return rules;
    }

    Backoff backoff() {
        return backoff;
    }

    /** Connections handed out and not yet given back: held by open streams. */
    int leasedConnections() {
        return client.connections().getTotalStats().getLeased();
    }

    /**
     * Sends {@code request} for {@code location}, following redirects. A final 404 or 410 is
     * {@link ObjectNotFoundException}, 401 or 403 {@link PermissionDeniedException}, a status that
     * kept failing {@link BackendUnavailableException} — unless the status is one the caller
     * handles itself. Every other final status is returned.
     */
    HttpExchange send(Location location, Request request) throws StoreException {
        URI current = withoutFragment(location.uri());
        Set<URI> visited = new HashSet<>();
        visited.add(current);
        for (int hop = 0; ; hop++) {
            HttpExchange exchange = sendWithRetries(location, current, request);
            int status = exchange.status();
            if (request.handledStatuses().contains(status)) {
                return exchange;
            }
            if (REDIRECTS.contains(status)) {
                URI target;
                try {
                    target = redirectTarget(location, exchange, hop);
                } finally {
                    exchange.close();
                }
                if (!visited.add(target)) {
                    throw new StoreException("Redirect loop reading " + location + ": " + exchange.shownUri()
                            + " redirects back to " + Redaction.url(target.toString()));
                }
                current = target;
                continue;
            }
            if (status == 404 || status == 410) {
                exchange.discardSmallBody();
                exchange.close();
                throw new ObjectNotFoundException("Object not found: " + location + answeredBy(location, exchange));
            }
            if (status == 401 || status == 403) {
                exchange.discardSmallBody();
                exchange.close();
                throw new PermissionDeniedException("Access denied to " + location + answeredBy(location, exchange)
                        + (authorization.isPresent() ? " (with the configured credentials)" : ""));
            }
            if (status == 400 || status == 414) {
                exchange.discardSmallBody();
                exchange.close();
                throw new InvalidLocationException("Location " + location + " is rejected by the server as malformed"
                        + answeredBy(location, exchange));
            }
            return exchange;
        }
    }

    private URI redirectTarget(Location location, HttpExchange exchange, int hop) throws StoreException {
        if (hop >= config.maxRedirects()) {
            throw new StoreException("Too many redirects reading " + location + ": more than " + config.maxRedirects()
                    + " (the limit, maxRedirects), last at " + exchange.shownUri());
        }
        String header = exchange.header("Location")
                .orElseThrow(() -> new MalformedResponseException(exchange.shownUri() + " answered " + exchange.status()
                        + " without a Location header"));
        URI target;
        try {
            target = withoutFragment(exchange.uri().resolve(new URI(header)));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new InvalidLocationException("Redirect from " + exchange.shownUri() + " to an invalid URL "
                    + Redaction.quote(header) + " refused (reading " + location + ")");
        }
        String from = exchange.uri().getScheme().toLowerCase(Locale.ROOT);
        String to = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!to.equals(from) && !(from.equals("http") && to.equals("https"))) {
            throw new InvalidLocationException("Redirect from " + exchange.shownUri() + " to another scheme refused: "
                    + Redaction.quote(target.toString()) + " (reading " + location + ")");
        }
        if (target.getHost() == null) {
            throw new InvalidLocationException("Redirect from " + exchange.shownUri() + " to a URL without a host refused: "
                    + Redaction.quote(target.toString()) + " (reading " + location + ")");
        }
        if (target.getRawUserInfo() != null) {
            throw new InvalidLocationException("Redirect from " + exchange.shownUri()
                    + " to a URL with credentials refused (reading " + location + ")");
        }
        Optional<String> refusal = rules.refusal(target.getHost(), port(target));
        if (refusal.isPresent()) {
            throw new HostRefusedException("Redirect from " + exchange.shownUri() + " to "
                    + Redaction.url(target.toString()) + " refused: " + refusal.get() + " (reading " + location + ")",
                    HostRules.normalise(target.getHost()));
        }
        return target;
    }

    private HttpExchange sendWithRetries(Location location, URI uri, Request request) throws StoreException {
        String shown = Redaction.url(uri.toString());
        String redirected = uri.equals(location.uri()) ? "" : " (redirected to " + shown + ")";
        for (int attempt = 0; ; attempt++) {
            Interruption.check("reading " + location);
            HttpUriRequestBase message;
            HttpHost target;
            try {
                message = message(location, uri, request);
                target = RoutingSupport.determineHost(message);
            } catch (IllegalArgumentException | HttpException e) {
                // the client cannot turn the URL into a request (a port out of range, no host)
                throw new InvalidLocationException("Location " + location + " cannot be requested" + redirected + ": "
                        + e.getMessage(), e);
            }
            ClassicHttpResponse response;
            try {
                response = client.http().executeOpen(target, message, null);
            } catch (IOException e) {
                Optional<ResolverRefusalException> refused = causeOfType(e, ResolverRefusalException.class);
                if (refused.isPresent()) {
                    throw new HostRefusedException("Location " + location + " refused: " + refused.get().getMessage()
                            + redirected, HostRules.normalise(uri.getHost()));
                }
                if (causeOfType(e, SSLHandshakeException.class).isPresent()
                        || causeOfType(e, SSLPeerUnverifiedException.class).isPresent()) {
                    throw new StoreException("TLS verification of " + shown + " failed reading " + location
                            + " (is the server's CA trusted? see caFile): " + e.getMessage(), e);
                }
                if (Interruption.pending()) {
                    throw Interruption.interrupted("reading " + location, e);
                }
                if (attempt >= config.retries()) {
                    throw new BackendUnavailableException("Cannot reach " + shown + " reading " + location + " after "
                            + (attempt + 1) + " attempt(s): " + describe(e), e);
                }
                LOG.debug("Attempt {} of {} {} failed, retrying: {}", attempt + 1, request.method(), shown, describe(e));
                backoff.pause(attempt, Duration.ZERO, "waiting to retry reading " + location);
                continue;
            } catch (RuntimeException e) {
                throw clientFailure(location, shown, e);
            }
            HttpExchange exchange = new HttpExchange(uri, message, response);
            int status = exchange.status();
            boolean retryable = (status >= 500 && status != 501 && status <= 599) || status == 408 || status == 429;
            if (!retryable || request.handledStatuses().contains(status)) {
                return exchange;
            }
            Duration retryAfter = retryAfter(exchange);
            exchange.discardSmallBody();
            exchange.close();
            if (attempt >= config.retries()) {
                throw new BackendUnavailableException(shown + " answered " + status + " reading " + location + " after "
                        + (attempt + 1) + " attempt(s)");
            }
            LOG.debug("Attempt {} of {} {} answered {}, retrying", attempt + 1, request.method(), shown, status);
            backoff.pause(attempt, retryAfter, "waiting to retry reading " + location);
        }
    }

    /**
     * What the HTTP client threw on its own account once the request was valid: an interrupt
     * noticed while waiting for a connection, a client shut down by {@link #close}, or a response
     * it cannot read (a status code below 1 is an {@link IllegalArgumentException} there).
     */
    private StoreException clientFailure(Location location, String shown, RuntimeException e) {
        if (Interruption.pending()) {
            return Interruption.interrupted("reading " + location, e);
        }
        if (closed) {
            return new StoreException("Cannot read " + location + ": " + subject + " is closed", e);
        }
        if (e instanceof IllegalArgumentException) {
            return new MalformedResponseException(shown + " answered with a response the HTTP client cannot read (reading "
                    + location + "): " + describe(e), e);
        }
        return new StoreException("The HTTP client of " + subject + " failed reading " + location + ": " + describe(e), e);
    }

    private HttpUriRequestBase message(Location location, URI uri, Request request) {
        HttpUriRequestBase message = request.method().equals("HEAD") ? new HttpHead(uri) : new HttpGet(uri);
        request.range().ifPresent(range -> message.setHeader("Range", range));
        request.ifRange().ifPresent(validator -> message.setHeader("If-Range", validator));
        if (authorization.isPresent() && sameOrigin(uri, location.uri())) {
            message.setHeader("Authorization", authorization.get());
        }
        return message;
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && b.getHost() != null
                && HostRules.normalise(a.getHost()).equals(HostRules.normalise(b.getHost()))
                && port(a) == port(b);
    }

    /** The port a URL connects to: its own, else the scheme's default. */
    static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static URI withoutFragment(URI uri) {
        if (uri.getRawFragment() == null) {
            return uri;
        }
        String text = uri.toString();
        return URI.create(text.substring(0, text.indexOf('#')));
    }

    private static String answeredBy(Location location, HttpExchange exchange) {
        String status = " (HTTP " + exchange.status() + ")";
        return exchange.uri().equals(location.uri()) ? status : status + " at " + exchange.shownUri();
    }

    /** The pause a {@code Retry-After: SECONDS} header asks for; zero without one (or with a date or an unreadable one). */
    private static Duration retryAfter(HttpExchange exchange) {
        try {
            Optional<String> seconds = exchange.header("Retry-After").filter(value -> value.matches("\\d{1,9}"));
            return seconds.isPresent() ? Duration.ofSeconds(Long.parseLong(seconds.get())) : Duration.ZERO;
        } catch (MalformedResponseException e) {
            return Duration.ZERO;
        }
    }

    static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static <T extends Throwable> Optional<T> causeOfType(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        client.http().close();
    }
}
