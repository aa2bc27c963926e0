package io.stowage.s3;

import io.stowage.InvalidConfigurationException;
import io.stowage.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks shared by the store and download-handler configs; messages name the key, never a value that may be secret. */
final class S3ConfigRules {
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    static final int MAX_RETRIES = 20;
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private S3ConfigRules() {}

    static String bucket(String bucket, String key) {
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException(key + " is required");
        }
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException(key + " must be an S3 bucket name: 3 to 63 characters of [a-z0-9.-_],"
                    + " starting and ending with a letter or digit");
        }
        return bucket;
    }

    static String region(String region) {
        if (region == null) {
            return null;
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region must be an AWS region name such as us-east-1");
        }
        return region;
    }

    /** An http(s) URI with a host and nothing after it: no credentials, path, query or fragment. */
    static URI endpoint(String endpoint) {
        if (endpoint == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(endpoint.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint must be an http or https URL such as http://127.0.0.1:9000");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be an http or https URL such as http://127.0.0.1:9000");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("endpoint must not carry credentials; use accessKey and secretKey");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("endpoint must be scheme://host[:port] without a path or query");
        }
        return URI.create(scheme + "://" + uri.getRawAuthority());
    }

    static void keys(String accessKey, String secretKey) {
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("accessKey and secretKey must be given together (or neither, for the"
                    + " SDK's default credentials chain)");
        }
        if (accessKey != null && (accessKey.isBlank() || secretKey.isBlank())) {
            throw new IllegalArgumentException("accessKey and secretKey must not be empty (is an ${VARIABLE} unset?)");
        }
    }

    static Duration timeout(Duration value, Duration fallback, String key) {
        Duration timeout = value == null ? fallback : value;
        if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(key + " must be more than 0 and at most 1h");
        }
        return timeout;
    }

    static int retries(Integer value, int fallback) {
        int retries = value == null ? fallback : value;
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("retries must be between 0 and " + MAX_RETRIES);
        }
        return retries;
    }

    static int range(Integer value, int fallback, int min, int max, String key) {
        int result = value == null ? fallback : value;
        if (result < min || result > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max);
        }
        return result;
    }

    static long range(Long value, long fallback, long min, long max, String key) {
        long result = value == null ? fallback : value;
        if (result < min || result > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + " bytes");
        }
        return result;
    }

    /** A duration key, written {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h} or ISO-8601; null when not set. */
    static Duration duration(Settings settings, String key) throws InvalidConfigurationException {
        return settings.parsed(key, "a duration such as 500ms, 30s, 2m or PT30S", DurationText::parse).orElse(null);
    }

    /** The {@code checksumMode} key; null when not set. */
    static S3ChecksumMode checksumMode(Settings settings) throws InvalidConfigurationException {
        return settings.parsed("checksumMode", "sdk-default or when-required", S3ChecksumMode::fromId).orElse(null);
    }

    static String masked(String secret) {
        return secret == null ? "null" : "***";
    }
}
