package io.stowage.http;

import io.stowage.InvalidConfigurationException;
import io.stowage.Settings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Settings of an {@code http} store and of the {@code http}/{@code https} download handler.
 * Every key is optional:
 *
 * <pre>
 * web:
 *   type: http
 *   maxRedirects: 5             # 301/302/303/307/308 hops followed, 0..20
 *   connectTimeoutMillis: 10000
 *   readTimeoutMillis: 30000    # longest silence while waiting for or reading a response
 *   retries: 3                  # extra tries after a 5xx, 408, 429 or connection error; also
 *                               # the resumes of a broken body in a row without progress
 *   retryBackoffMillis: 200     # longest first pause (each pause is random from 0: full jitter),
 *                               # doubled each retry ...
 *   maxRetryBackoffMillis: 5000 # ... up to this (also caps Retry-After)
 *   maxConnections: 32
 *   caFile: /etc/ssl/my-ca.pem  # trust only these PEM certificates (instead of the JDK's)
 *   tlsInsecure: false          # true turns TLS verification off; never the default
 *   username: "${WEB_USER}"     # basic auth, sent only to the host of the location itself
 *   password: "${WEB_PASSWORD}"
 *   allowedHosts: ["images.example.com", "*.cdn.example.com", "10.1.0.0/16", "127.0.0.1:8080"]
 *   deniedHosts: ["10.1.2.3"]
 *   allowLinkLocal: false       # true lifts the default denial of link-local and cloud-metadata addresses
 * </pre>
 *
 * Host entries are host names (matched case-insensitively), {@code *.domain} (any name below
 * the domain), IP addresses (IPv4 as a plain dotted quad) or CIDR blocks, each optionally with
 * {@code :port} (IPv6 in brackets: {@code [::1]:8080}) to match that port only. A denied entry
 * always wins; with allowed entries, anything they do not cover is refused: a host name must
 * match a name entry, an IP address an address entry.
 *
 * <p>Locations may come from users (an image service's web-download), so by default the store
 * refuses every address that is not public: loopback (127.0.0.0/8, ::1), unspecified
 * (0.0.0.0/8, ::), private (10/8, 172.16/12, 192.168/16, fc00::/7), carrier-grade NAT
 * (100.64/10), link-local (169.254/16, fe80::/10), site-local, multicast, documentation,
 * benchmarking and reserved ranges, and the cloud metadata endpoints (169.254.169.254,
 * fd00:ec2::254, 100.100.100.200, 168.63.129.16, ...), also in their IPv4-mapped,
 * IPv4-compatible, NAT64 and 6to4 IPv6 forms and in every numeric spelling of an IPv4 address
 * ({@code 2130706433}, {@code 0177.0.0.1}); the names {@code localhost} (and {@code *.localhost})
 * and the metadata names are refused too. An {@code allowedHosts} entry holding the address (an
 * address or a CIDR block, not a host name, so that a DNS answer cannot open it) lifts that
 * refusal; {@code allowLinkLocal} lifts it for link-local and metadata addresses. The rules
 * are checked for the location, for every redirect target and for every address a name
 * resolves to, at connect time (no gap for DNS rebinding); a refusal is a
 * {@link HostRefusedException} naming the host and the key that opens it.
 *
 * <p>Immutable; built from a store's or handler's settings ({@link #from}), or {@link #defaults()}.
 * {@link #toString()} never shows the credentials.
 */
public final class HttpStoreConfig {
    /** Redirects followed when {@code maxRedirects} is not set. */
    public static final int DEFAULT_MAX_REDIRECTS = 5;
    /** The most redirects {@code maxRedirects} may allow. */
    public static final int MAX_REDIRECTS_LIMIT = 20;
    private static final String[] KEYS = {"maxRedirects", "connectTimeoutMillis", "readTimeoutMillis", "retries",
        "retryBackoffMillis", "maxRetryBackoffMillis", "maxConnections", "caFile", "tlsInsecure", "username", "password",
        "allowedHosts", "deniedHosts", "allowLinkLocal"};

    private final int maxRedirects;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final int retries;
    private final int retryBackoffMillis;
    private final int maxRetryBackoffMillis;
    private final int maxConnections;
    private final Optional<String> caFile;
    private final boolean tlsInsecure;
    private final String username;
    private final String password;
    private final List<String> allowedHosts;
    private final List<String> deniedHosts;
    private final boolean allowLinkLocal;

    private HttpStoreConfig(Builder builder) {
        maxRedirects = within("maxRedirects", builder.maxRedirects, DEFAULT_MAX_REDIRECTS, 0, MAX_REDIRECTS_LIMIT);
        connectTimeoutMillis = within("connectTimeoutMillis", builder.connectTimeoutMillis, 10_000, 1, 3_600_000);
        readTimeoutMillis = within("readTimeoutMillis", builder.readTimeoutMillis, 30_000, 1, 3_600_000);
        retries = within("retries", builder.retries, 3, 0, 100);
        retryBackoffMillis = within("retryBackoffMillis", builder.retryBackoffMillis, 200, 0, 600_000);
        maxRetryBackoffMillis = within("maxRetryBackoffMillis", builder.maxRetryBackoffMillis,
                Math.max(5_000, retryBackoffMillis), 0, 3_600_000);
        if (maxRetryBackoffMillis < retryBackoffMillis) {
            throw new IllegalArgumentException("maxRetryBackoffMillis must not be below retryBackoffMillis");
        }
        maxConnections = within("maxConnections", builder.maxConnections, 32, 1, 10_000);
        tlsInsecure = builder.tlsInsecure;
        if (builder.caFile != null && builder.caFile.isBlank()) {
            throw new IllegalArgumentException("caFile must not be empty");
        }
        if (tlsInsecure && builder.caFile != null) {
            throw new IllegalArgumentException("caFile and tlsInsecure exclude each other: a CA file is pointless"
                    + " when verification is off");
        }
        caFile = Optional.ofNullable(builder.caFile);
        username = builder.username;
        password = builder.password;
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("username and password must be set together");
        }
        if (username != null && (username.isEmpty() || username.indexOf(':') >= 0 || hasControlCharacter(username))) {
            throw new IllegalArgumentException("username must be non-empty, without ':' or control characters");
        }
        if (password != null && hasControlCharacter(password)) {
            throw new IllegalArgumentException("password must not hold control characters");
        }
        allowedHosts = hosts("allowedHosts", builder.allowedHosts);
        deniedHosts = hosts("deniedHosts", builder.deniedHosts);
        allowLinkLocal = builder.allowLinkLocal;
        HostRules.of(allowedHosts, deniedHosts, allowLinkLocal); // validates the entries
    }

    /**
     * Every key at its default.
     *
     * @return the config
     */
    public static HttpStoreConfig defaults() {
        return new Builder().build();
    }

    /**
     * The config in the settings of an http store or of the http download handler.
     *
     * @param settings the settings
     * @return the config
     * @throws InvalidConfigurationException naming the key, for an unknown key or a bad value
     */
    public static HttpStoreConfig from(Settings settings) throws InvalidConfigurationException {
        settings.checkKeys(KEYS);
        Builder builder = new Builder();
        builder.maxRedirects = boxed(settings.integer("maxRedirects"));
        builder.connectTimeoutMillis = boxed(settings.integer("connectTimeoutMillis"));
        builder.readTimeoutMillis = boxed(settings.integer("readTimeoutMillis"));
        builder.retries = boxed(settings.integer("retries"));
        builder.retryBackoffMillis = boxed(settings.integer("retryBackoffMillis"));
        builder.maxRetryBackoffMillis = boxed(settings.integer("maxRetryBackoffMillis"));
        builder.maxConnections = boxed(settings.integer("maxConnections"));
        builder.caFile = settings.string("caFile").orElse(null);
        builder.tlsInsecure = settings.flag("tlsInsecure").orElse(false);
        builder.username = settings.string("username").orElse(null);
        builder.password = settings.string("password").orElse(null);
        builder.allowedHosts = settings.strings("allowedHosts").orElse(List.of());
        builder.deniedHosts = settings.strings("deniedHosts").orElse(List.of());
        builder.allowLinkLocal = settings.flag("allowLinkLocal").orElse(false);
        return settings.build(builder::build);
    }

    /**
     * How many redirects are followed.
     *
     * @return 0 to {@value #MAX_REDIRECTS_LIMIT}
     */
    public int maxRedirects() {
        return maxRedirects;
    }

    /**
     * How long a connection may take to open.
     *
     * @return milliseconds
     */
    public int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    /**
     * The longest silence while waiting for or reading a response.
     *
     * @return milliseconds
     */
    public int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    /**
     * Extra tries after a retryable failure, and the resumes of a broken body in a row without progress.
     *
     * @return the retries
     */
    public int retries() {
        return retries;
    }

    /**
     * The longest first pause before a retry (each pause is random from 0), doubled each retry.
     *
     * @return milliseconds
     */
    public int retryBackoffMillis() {
        return retryBackoffMillis;
    }

    /**
     * The longest pause before a retry, also for {@code Retry-After}.
     *
     * @return milliseconds
     */
    public int maxRetryBackoffMillis() {
        return maxRetryBackoffMillis;
    }

    /**
     * The most connections open at once.
     *
     * @return the connections
     */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * The PEM file of the only certificates to trust, instead of the JDK's.
     *
     * @return the file, or empty for the JDK's trust store
     */
    public Optional<String> caFile() {
        return caFile;
    }

    /**
     * Whether TLS verification is off.
     *
     * @return true only when configured so; never the default
     */
    public boolean tlsInsecure() {
        return tlsInsecure;
    }

    /**
     * Whether basic-auth credentials are configured.
     *
     * @return whether a username and password are set
     */
    public boolean hasCredentials() {
        return username != null;
    }

    /**
     * The hosts opened (and, when not empty, the only ones reached).
     *
     * @return the entries of {@code allowedHosts}
     */
    public List<String> allowedHosts() {
        return allowedHosts;
    }

    /**
     * The hosts refused, whatever else allows them.
     *
     * @return the entries of {@code deniedHosts}
     */
    public List<String> deniedHosts() {
        return deniedHosts;
    }

    /**
     * Whether link-local and cloud-metadata addresses are opened.
     *
     * @return true only when configured so
     */
    public boolean allowLinkLocal() {
        return allowLinkLocal;
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    HostRules hostRules() {
        return HostRules.of(allowedHosts, deniedHosts, allowLinkLocal);
    }

    private static Integer boxed(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    private static int within(String key, Integer value, int defaultValue, int min, int max) {
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max);
        }
        return value;
    }

    private static List<String> hosts(String key, List<String> entries) {
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                throw new IllegalArgumentException(key + " holds an empty entry");
            }
        }
        return List.copyOf(entries);
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** Configs are equal when all their settings are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof HttpStoreConfig config && config.maxRedirects == maxRedirects
                && config.connectTimeoutMillis == connectTimeoutMillis && config.readTimeoutMillis == readTimeoutMillis
                && config.retries == retries && config.retryBackoffMillis == retryBackoffMillis
                && config.maxRetryBackoffMillis == maxRetryBackoffMillis && config.maxConnections == maxConnections
                && config.caFile.equals(caFile) && config.tlsInsecure == tlsInsecure
                && Objects.equals(config.username, username) && Objects.equals(config.password, password)
                && config.allowedHosts.equals(allowedHosts) && config.deniedHosts.equals(deniedHosts)
                && config.allowLinkLocal == allowLinkLocal;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxRedirects, connectTimeoutMillis, readTimeoutMillis, retries, retryBackoffMillis,
                maxRetryBackoffMillis, maxConnections, caFile, tlsInsecure, allowedHosts, deniedHosts, allowLinkLocal);
    }

    /** The settings with the credentials left out. */
    @Override
    public String toString() {
        return "HttpStoreConfig[maxRedirects=" + maxRedirects
                + ", connectTimeoutMillis=" + connectTimeoutMillis
                + ", readTimeoutMillis=" + readTimeoutMillis
                + ", retries=" + retries
                + ", retryBackoffMillis=" + retryBackoffMillis
                + ", maxRetryBackoffMillis=" + maxRetryBackoffMillis
                + ", maxConnections=" + maxConnections
                + ", caFile=" + caFile.orElse(null)
                + ", tlsInsecure=" + tlsInsecure
                + ", credentials=" + (hasCredentials() ? "(set)" : "(none)")
                + ", allowedHosts=" + allowedHosts
                + ", deniedHosts=" + deniedHosts
                + ", allowLinkLocal=" + allowLinkLocal + "]";
    }

    /** The values read from settings, checked by the config's constructor. */
    private static final class Builder {
        private Integer maxRedirects;
        private Integer connectTimeoutMillis;
        private Integer readTimeoutMillis;
        private Integer retries;
        private Integer retryBackoffMillis;
        private Integer maxRetryBackoffMillis;
        private Integer maxConnections;
        private String caFile;
        private boolean tlsInsecure;
        private String username;
        private String password;
        private List<String> allowedHosts = List.of();
        private List<String> deniedHosts = List.of();
        private boolean allowLinkLocal;

        HttpStoreConfig build() {
            return new HttpStoreConfig(this);
        }
    }
}
