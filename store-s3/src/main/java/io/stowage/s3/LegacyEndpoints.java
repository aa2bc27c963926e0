package io.stowage.s3;

import io.stowage.Location;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether the service a legacy Glance S3 location named
 * ({@value Location#LEGACY_S3_ENDPOINT_KEY} in its metadata) is the configured one: the same
 * host, and the same port when the legacy form gave one; with no endpoint configured (AWS),
 * an {@code amazonaws.com} host. The legacy host is only compared, never contacted.
 */
final class LegacyEndpoints {
    private LegacyEndpoints() {}

    /** True when the location names no legacy service or names the configured one. */
    static boolean matches(Location location, Optional<URI> configured) {
        String legacy = location.metadata().get(Location.LEGACY_S3_ENDPOINT_KEY);
        return legacy == null || sameService(legacy, configured);
    }

    static boolean sameService(String legacyEndpoint, Optional<URI> configured) {
        URI legacy;
        try {
            legacy = URI.create(legacyEndpoint);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (legacy.getHost() == null) {
            return false;
        }
        String host = legacy.getHost().toLowerCase(Locale.ROOT);
        if (configured.isEmpty()) {
            return host.equals("amazonaws.com") || host.endsWith(".amazonaws.com");
        }
        URI endpoint = configured.get();
        if (!host.equals(endpoint.getHost().toLowerCase(Locale.ROOT))) {
            return false;
        }
        return legacy.getPort() < 0 || legacy.getPort() == port(endpoint);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }
}
