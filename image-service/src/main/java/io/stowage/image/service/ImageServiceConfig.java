package io.stowage.image.service;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.ChecksumAlgorithm;
import io.stowage.InvalidConfigurationException;
import io.stowage.InvalidChecksumException;
import io.stowage.InvalidConfigurationException;
import io.stowage.Settings;
import io.stowage.core.config.ConfigBinder;
import io.stowage.image.service.registry.ImageRegistry;
import io.stowage.image.service.registry.RegistryCredentials;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image service's settings: the {@code images} section of the config file.
 *
 * <pre>
 * images:
 *   listen: "127.0.0.1:9292"                          # host:port; port 0 picks a free one
 *   registry: "jdbc:sqlite:./stowage-data/images.db"   # or jdbc:postgresql://host:5432/images
 *   registry-user: "${REGISTRY_USER}"                 # PostgreSQL only
 *   registry-password: "${REGISTRY_PASSWORD}"
 *   auth: none                                        # or: { tokens: [ { token: "${TOKEN_A}", project: p1, roles: [admin] } ] }
 *   size-cap: 1TiB                                    # larger uploads fail with 413 while streaming
 *   owner-quota: unlimited                            # total bytes of one owner's images (413 while streaming)
 *   upload-lease: 30s                                 # a dead node's uploads are recovered this long after it stopped renewing
 *   show-direct-url: false                            # direct_url in image documents
 *   show-multiple-locations: false                    # locations (with metadata) in image documents
 *   hash: sha512                                      # os_hash_algo; md5 checksum is always computed too
 *   idle-timeout: 60s                                 # a connection silent this long is closed (a stalled upload fails)
 *   open-access: false                                # true lets auth none listen beyond loopback
 *   staging-store: local                              # where glance-direct stages data (default: the default store)
 *   web-download-store: web                           # the http store web-download fetches through (none: not offered)
 *   location-schemes: [http, https]                   # schemes of the v1 x-image-meta-location a caller may register
 *   api-servers: ["http://127.0.0.1:9292"]            # the image client's (stowage image); ignored here
 * </pre>
 *
 * <p>{@code toString()} never shows a token or the registry password.
 */
public final class ImageServiceConfig {
    /** The section used when the config file has none. */
    public static final String DEFAULT_LISTEN = "127.0.0.1:9292";
    public static final String DEFAULT_REGISTRY = "jdbc:sqlite:./stowage-data/images.db";
    private static final long DEFAULT_SIZE_CAP = 1L << 40;
    private static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** No owner quota. */
    public static final long UNLIMITED = Long.MAX_VALUE;
    private static final Pattern LISTEN = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+):(\\d{1,5})");

    private final String host;
    private final int port;
    private final String registry;
    private final RegistryCredentials registryCredentials;
    private final Map<String, TokenGrant> tokens;
    private final long sizeCap;
    private final long ownerQuota;
    private final Duration uploadLease;
    private final boolean showDirectUrl;
    private final boolean showMultipleLocations;
    private final ChecksumAlgorithm hash;
    private final Duration idleTimeout;
    private final Optional<String> stagingStore;
    private final Optional<String> webDownloadStore;
    private final List<String> locationSchemes;

    private ImageServiceConfig(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.registry = builder.registry;
        this.registryCredentials = builder.registryCredentials;
        this.tokens = Map.copyOf(builder.tokens);
        this.sizeCap = builder.sizeCap;
        this.ownerQuota = builder.ownerQuota;
        this.uploadLease = builder.uploadLease;
        this.showDirectUrl = builder.showDirectUrl;
        this.showMultipleLocations = builder.showMultipleLocations;
        this.hash = builder.hash;
        this.idleTimeout = builder.idleTimeout;
        this.stagingStore = builder.stagingStore;
        this.webDownloadStore = builder.webDownloadStore;
        this.locationSchemes = List.copyOf(builder.locationSchemes);
    }

    /**
     * Binds the {@code images} section ({@code ${VAR}} already resolved); an empty section is the
     * defaults. Every problem is a {@link InvalidConfigurationException} naming the key, never a value.
     */
    public static ImageServiceConfig fromSection(Map<String, ?> section) throws InvalidConfigurationException {
        requireNonNull(section, "section is null");
        return ConfigBinder.bind(section, ImagesSection.class, "images").toConfig();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String registry() {
        return registry;
    }

    /** The registry's user and password (PostgreSQL). */
    public RegistryCredentials registryCredentials() {
        return registryCredentials;
    }

    /** The most bytes one owner's images (and uploads in flight) may hold; {@link #UNLIMITED} for no quota. */
    public long ownerQuota() {
        return ownerQuota;
    }

    /** How long an upload's lease lasts after each renewal: a dead node's uploads are recovered after it. */
    public Duration uploadLease() {
        return uploadLease;
    }

    /** Whether callers must present a token ({@code auth} is not {@code none}). */
    public boolean requiresToken() {
        return !tokens.isEmpty();
    }

    /** What {@code token} grants, compared in constant time against every configured token. */
    public Optional<TokenGrant> grant(String token) {
        byte[] presented = token.getBytes(StandardCharsets.UTF_8);
        TokenGrant found = null;
        for (Map.Entry<String, TokenGrant> entry : tokens.entrySet()) {
            if (MessageDigest.isEqual(presented, entry.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = entry.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    public long sizeCap() {
        return sizeCap;
    }

    public boolean showDirectUrl() {
        return showDirectUrl;
    }

    public boolean showMultipleLocations() {
        return showMultipleLocations;
    }

    /** The {@code os_hash_algo}. */
    public ChecksumAlgorithm hash() {
        return hash;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** The store where {@code glance-direct} stages data; empty: the default store. */
    public Optional<String> stagingStore() {
        return stagingStore;
    }

    /** The http store through which {@code web-download} fetches; empty: web-download is not offered. */
    public Optional<String> webDownloadStore() {
        return webDownloadStore;
    }

    /** The schemes of the locations a v1 caller may register ({@code x-image-meta-location}). */
    public List<String> locationSchemes() {
        return locationSchemes;
    }

    @Override
    public String toString() {
        return "ImageServiceConfig[listen=" + host + ":" + port + ", registry=" + RegistryCredentials.redact(registry)
                + ", " + registryCredentials + ", auth=" + (tokens.isEmpty() ? "none" : tokens.size() + " tokens")
                + ", sizeCap=" + sizeCap + ", ownerQuota=" + (ownerQuota == UNLIMITED ? "unlimited" : ownerQuota)
                + ", uploadLease=" + uploadLease + ", hash=" + hash.id()
                + ", showDirectUrl=" + showDirectUrl + ", showMultipleLocations=" + showMultipleLocations
                + ", idleTimeout=" + idleTimeout + ", stagingStore=" + stagingStore.orElse("(default)")
                + ", webDownloadStore=" + webDownloadStore.orElse("(none)") + ", locationSchemes=" + locationSchemes + "]";
    }

    /** Settings for a service built in code (tests, embedding); the defaults are those of the file. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 9292;
        private String registry = DEFAULT_REGISTRY;
        private RegistryCredentials registryCredentials = RegistryCredentials.NONE;
        private final Map<String, TokenGrant> tokens = new LinkedHashMap<>();
        private long sizeCap = DEFAULT_SIZE_CAP;
        private long ownerQuota = UNLIMITED;
        private Duration uploadLease = ImageRegistry.DEFAULT_LEASE;
        private boolean showDirectUrl;
        private boolean showMultipleLocations;
        private ChecksumAlgorithm hash = ChecksumAlgorithm.SHA512;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Optional<String> stagingStore = Optional.empty();
        private Optional<String> webDownloadStore = Optional.empty();
        private List<String> locationSchemes = List.of("http", "https");

        private Builder() {}

        /** {@code host:port} ({@code [::1]:9292} for IPv6). */
        public Builder listen(String hostAndPort) {
            Matcher matcher = LISTEN.matcher(requireNonNull(hostAndPort, "hostAndPort is null"));
            if (!matcher.matches() || Integer.parseInt(matcher.group(2)) > 65535) {
                throw new IllegalArgumentException("key 'listen' expects host:port, e.g. 127.0.0.1:9292");
            }
            String name = matcher.group(1);
            this.host = name.startsWith("[") ? name.substring(1, name.length() - 1) : name;
            this.port = Integer.parseInt(matcher.group(2));
            return this;
        }

        public Builder registry(String jdbcUrl) {
            this.registry = requireNonNull(jdbcUrl, "jdbcUrl is null");
            return this;
        }

        public Builder registryCredentials(RegistryCredentials credentials) {
            this.registryCredentials = requireNonNull(credentials, "credentials is null");
            return this;
        }

        public Builder ownerQuota(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("key 'owner-quota' must not be negative");
            }
            this.ownerQuota = bytes;
            return this;
        }

        public Builder uploadLease(Duration lease) {
            this.uploadLease = requireNonNull(lease, "lease is null");
            return this;
        }

        boolean hasToken(String token) {
            return tokens.containsKey(token);
        }

        public Builder token(String token, TokenGrant grant) {
            tokens.put(requireNonNull(token, "token is null"), requireNonNull(grant, "grant is null"));
            return this;
        }

        public Builder sizeCap(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("key 'size-cap' must not be negative");
            }
            this.sizeCap = bytes;
            return this;
        }

        public Builder showDirectUrl(boolean value) {
            this.showDirectUrl = value;
            return this;
        }

        public Builder showMultipleLocations(boolean value) {
            this.showMultipleLocations = value;
            return this;
        }

        public Builder hash(ChecksumAlgorithm algorithm) {
            this.hash = requireNonNull(algorithm, "algorithm is null");
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = requireNonNull(timeout, "timeout is null");
            return this;
        }

        /** The store where {@code glance-direct} stages data (a writable one; checked when the service starts). */
        public Builder stagingStore(String store) {
            this.stagingStore = Optional.of(requireNonNull(store, "store is null"));
            return this;
        }

        /** The http store through which {@code web-download} fetches user-supplied URLs, under its host rules. */
        public Builder webDownloadStore(String store) {
            this.webDownloadStore = Optional.of(requireNonNull(store, "store is null"));
            return this;
        }

        /**
         * The schemes of the locations a v1 caller may register where the data lives; each must
         * still be served by a configured store (an http one reaches only what its host rules allow).
         */
        public Builder locationSchemes(List<String> schemes) {
            this.locationSchemes = List.copyOf(schemes);
            return this;
        }

        /** Settings that listen on loopback when there is no authentication. */
        public ImageServiceConfig build() throws InvalidConfigurationException {
            return build(false);
        }

        /**
         * @param openAccess whether a service without authentication may listen beyond loopback
         */
        ImageServiceConfig build(boolean openAccess) throws InvalidConfigurationException {
            if (tokens.isEmpty() && !openAccess && !isLoopback(host)) {
                throw new InvalidConfigurationException("Invalid configuration of images: with auth none the service listens"
                        + " on loopback only, and '" + host + "' is not a loopback address (configure tokens under"
                        + " 'auth', or set 'open-access: true')");
            }
            return new ImageServiceConfig(this);
        }

        private static boolean isLoopback(String host) {
            if (host.equals("localhost")) {
                return true;
            }
            if (!host.matches("[0-9.]+|[0-9A-Fa-f:.]+")) {
                return false;
            }
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
