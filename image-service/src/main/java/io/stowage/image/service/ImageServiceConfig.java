package io.stowage.image.service;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.ChecksumAlgorithm;
import io.stowage.InvalidChecksumException;
import io.stowage.InvalidConfigurationException;
import io.stowage.Settings;
import io.stowage.core.config.ConfigBinder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image service's settings: the {@code images} section of the config file.
 *
 * <pre>
 * images:
 *   listen: "127.0.0.1:9292"                          # host:port; port 0 picks a free one
 *   registry: "jdbc:sqlite:./stowage-data/images.db"
 *   auth: none                                        # or: { tokens: [ { token: "${TOKEN_A}", project: p1, roles: [admin] } ] }
 *   size-cap: 1TiB                                    # larger uploads fail with 413 while streaming
 *   show-direct-url: false                            # direct_url in image documents
 *   show-multiple-locations: false                    # locations (with metadata) in image documents
 *   hash: sha512                                      # os_hash_algo; md5 checksum is always computed too
 *   idle-timeout: 60s                                 # a connection silent this long is closed (a stalled upload fails)
 *   open-access: false                                # true lets auth none listen beyond loopback
 * </pre>
 *
 * <p>{@code toString()} never shows a token.
 */
public final class ImageServiceConfig {
    /** The section used when the config file has none. */
    public static final String DEFAULT_LISTEN = "127.0.0.1:9292";
    public static final String DEFAULT_REGISTRY = "jdbc:sqlite:./stowage-data/images.db";
    private static final long DEFAULT_SIZE_CAP = 1L << 40;
    private static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern LISTEN = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+):(\\d{1,5})");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    private final String host;
    private final int port;
    private final String registry;
    private final Map<String, TokenGrant> tokens;
    private final long sizeCap;
    private final boolean showDirectUrl;
    private final boolean showMultipleLocations;
    private final ChecksumAlgorithm hash;
    private final Duration idleTimeout;

    private ImageServiceConfig(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.registry = builder.registry;
        this.tokens = Map.copyOf(builder.tokens);
        this.sizeCap = builder.sizeCap;
        this.showDirectUrl = builder.showDirectUrl;
        this.showMultipleLocations = builder.showMultipleLocations;
        this.hash = builder.hash;
        this.idleTimeout = builder.idleTimeout;
    }

    /**
     * Binds the {@code images} section ({@code ${VAR}} already resolved); an empty section is the
     * defaults. Every problem is a {@link InvalidConfigurationException} naming the key, never a value.
     */
    public static ImageServiceConfig fromSection(Map<String, ?> section) throws InvalidConfigurationException {
        requireNonNull(section, "section is null");
        ImagesSection raw = ConfigBinder.bind(section, ImagesSection.class, "images");
        Builder builder = builder();
        try {
            if (raw.listen() != null) {
                builder.listen(raw.listen());
            }
            if (raw.registry() != null) {
                builder.registry(raw.registry());
            }
            if (raw.sizeCap() != null) {
                builder.sizeCap(ByteSizes.parse(raw.sizeCap()));
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("Invalid configuration of images: " + e.getMessage());
        }
        if (raw.showDirectUrl() != null) {
            builder.showDirectUrl(raw.showDirectUrl());
        }
        if (raw.showMultipleLocations() != null) {
            builder.showMultipleLocations(raw.showMultipleLocations());
        }
        if (raw.hash() != null) {
            try {
                builder.hash(ChecksumAlgorithm.fromId(raw.hash()));
            } catch (InvalidChecksumException e) {
                throw new InvalidConfigurationException("Invalid configuration of images: key 'hash' must be md5, sha256 or sha512");
            }
        }
        if (raw.idleTimeout() != null) {
            builder.idleTimeout(duration(raw.idleTimeout()));
        }
        if (raw.auth() != null) {
            bindAuth(raw.auth(), builder);
        }
        return builder.build(Boolean.TRUE.equals(raw.openAccess()));
    }

    private static void bindAuth(JsonNode auth, Builder builder) throws InvalidConfigurationException {
        if (auth.isTextual() && auth.textValue().equals("none")) {
            return;
        }
        JsonNode tokens = auth.get("tokens");
        if (!auth.isObject() || auth.size() != 1 || tokens == null || !tokens.isArray() || tokens.isEmpty()) {
            throw new InvalidConfigurationException("Invalid configuration of images: key 'auth' must be none or"
                    + " { tokens: [ { token: ..., project: ..., roles: [...] } ] }");
        }
        for (int i = 0; i < tokens.size(); i++) {
            JsonNode entry = tokens.get(i);
            String where = "images.auth.tokens[" + i + "]";
            if (!entry.isObject() || !text(entry, "token") || !text(entry, "project")) {
                throw new InvalidConfigurationException("Invalid configuration of " + where + ": needs 'token' and 'project' strings");
            }
            Set<String> roles = new HashSet<>();
            JsonNode roleList = entry.path("roles");
            for (JsonNode role : roleList) {
                roles.add(role.asText());
            }
            for (java.util.Iterator<String> keys = entry.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!Set.of("token", "project", "roles").contains(key)) {
                    throw new InvalidConfigurationException("Invalid configuration of " + where + ": unknown key '" + key
                            + "' (known keys: project, roles, token)");
                }
            }
            if (entry.get("token").textValue().length() < 16) {
                throw new InvalidConfigurationException("Invalid configuration of " + where + ": a token needs at least 16 characters");
            }
            if (builder.tokens.containsKey(entry.get("token").textValue())) {
                throw new InvalidConfigurationException("Invalid configuration of " + where + ": the same token is given twice");
            }
            builder.token(entry.get("token").textValue(), new TokenGrant(entry.get("project").textValue(), roles));
        }
    }

    private static boolean text(JsonNode node, String key) {
        return node.get(key) != null && node.get(key).isTextual() && !node.get(key).textValue().isBlank();
    }

    private static Duration duration(String text) throws InvalidConfigurationException {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new InvalidConfigurationException("Invalid configuration of images: key 'idle-timeout' expects a duration"
                    + " such as 500ms, 30s or 2m");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
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

    @Override
    public String toString() {
        return "ImageServiceConfig[listen=" + host + ":" + port + ", registry=" + registry + ", auth="
                + (tokens.isEmpty() ? "none" : tokens.size() + " tokens") + ", sizeCap=" + sizeCap + ", hash=" + hash.id()
                + ", showDirectUrl=" + showDirectUrl + ", showMultipleLocations=" + showMultipleLocations
                + ", idleTimeout=" + idleTimeout + "]";
    }

    /** Settings for a service built in code (tests, embedding); the defaults are those of the file. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 9292;
        private String registry = DEFAULT_REGISTRY;
        private final Map<String, TokenGrant> tokens = new LinkedHashMap<>();
        private long sizeCap = DEFAULT_SIZE_CAP;
        private boolean showDirectUrl;
        private boolean showMultipleLocations;
        private ChecksumAlgorithm hash = ChecksumAlgorithm.SHA512;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

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
