package io.stowage.http;

import java.util.List;

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
 * <p>{@link #toString()} never shows the credentials.
 */
public record HttpStoreConfig(
        Integer maxRedirects,
        Integer connectTimeoutMillis,
        Integer readTimeoutMillis,
        Integer retries,
        Integer retryBackoffMillis,
        Integer maxRetryBackoffMillis,
        Integer maxConnections,
        String caFile,
        Boolean tlsInsecure,
        String username,
        String password,
        List<String> allowedHosts,
        List<String> deniedHosts,
        Boolean allowLinkLocal) {

    public static final int DEFAULT_MAX_REDIRECTS = 5;
    public static final int MAX_REDIRECTS_LIMIT = 20;

    public HttpStoreConfig {
        maxRedirects = within("maxRedirects", maxRedirects, DEFAULT_MAX_REDIRECTS, 0, MAX_REDIRECTS_LIMIT);
        connectTimeoutMillis = within("connectTimeoutMillis", connectTimeoutMillis, 10_000, 1, 3_600_000);
        readTimeoutMillis = within("readTimeoutMillis", readTimeoutMillis, 30_000, 1, 3_600_000);
        retries = within("retries", retries, 3, 0, 100);
        retryBackoffMillis = within("retryBackoffMillis", retryBackoffMillis, 200, 0, 600_000);
        maxRetryBackoffMillis = within("maxRetryBackoffMillis", maxRetryBackoffMillis,
                Math.max(5_000, retryBackoffMillis), 0, 3_600_000);
        if (maxRetryBackoffMillis < retryBackoffMillis) {
            throw new IllegalArgumentException("maxRetryBackoffMillis must not be below retryBackoffMillis");
        }
        maxConnections = within("maxConnections", maxConnections, 32, 1, 10_000);
        tlsInsecure = tlsInsecure != null && tlsInsecure;
        if (caFile != null && caFile.isBlank()) {
            throw new IllegalArgumentException("caFile must not be empty");
        }
        if (tlsInsecure && caFile != null) {
            throw new IllegalArgumentException("caFile and tlsInsecure exclude each other: a CA file is pointless"
                    + " when verification is off");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("username and password must be set together");
        }
        if (username != null && (username.isEmpty() || username.indexOf(':') >= 0 || hasControlCharacter(username))) {
            throw new IllegalArgumentException("username must be non-empty, without ':' or control characters");
        }
        if (password != null && hasControlCharacter(password)) {
            throw new IllegalArgumentException("password must not hold control characters");
        }
        allowedHosts = hosts("allowedHosts", allowedHosts);
        deniedHosts = hosts("deniedHosts", deniedHosts);
        allowLinkLocal = allowLinkLocal != null && allowLinkLocal;
        HostRules.of(allowedHosts, deniedHosts, allowLinkLocal); // validates the entries
    }

    /** Every key at its default. */
    public static HttpStoreConfig defaults() {
        return new HttpStoreConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether basic-auth credentials are configured. */
    public boolean hasCredentials() {
        return username != null;
    }

    HostRules hostRules() {
        return HostRules.of(allowedHosts, deniedHosts, allowLinkLocal);
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
        if (entries == null) {
            return List.of();
        }
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
                + ", caFile=" + caFile
                + ", tlsInsecure=" + tlsInsecure
                + ", credentials=" + (hasCredentials() ? "(set)" : "(none)")
                + ", allowedHosts=" + allowedHosts
                + ", deniedHosts=" + deniedHosts
                + ", allowLinkLocal=" + allowLinkLocal + "]";
    }
}
