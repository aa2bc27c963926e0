package io.stowage.image.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.ChecksumAlgorithm;
import io.stowage.InvalidChecksumException;
import io.stowage.InvalidConfigurationException;
import io.stowage.image.service.registry.RegistryCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code images} section of the config file as written; {@link #toConfig} checks it.
 * {@code api-servers} belongs to the image client ({@code stowage image}), which shares the file:
 * the service accepts a list there and ignores it.
 */
record ImagesSection(
        @JsonProperty("listen") String listen,
        @JsonProperty("registry") String registry,
        @JsonProperty("registry-user") String registryUser,
        @JsonProperty("registry-password") String registryPassword,
        @JsonProperty("auth") JsonNode auth,
        @JsonProperty("size-cap") String sizeCap,
        @JsonProperty("owner-quota") String ownerQuota,
        @JsonProperty("upload-lease") String uploadLease,
        @JsonProperty("show-direct-url") Boolean showDirectUrl,
        @JsonProperty("show-multiple-locations") Boolean showMultipleLocations,
        @JsonProperty("hash") String hash,
        @JsonProperty("idle-timeout") String idleTimeout,
        @JsonProperty("open-access") Boolean openAccess,
        @JsonProperty("staging-store") String stagingStore,
        @JsonProperty("web-download-store") String webDownloadStore,
        @JsonProperty("location-schemes") List<String> locationSchemes,
        @JsonProperty("api-servers") List<String> apiServers) {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    /** The settings this section holds, checked: every problem names the key, never a value. */
    ImageServiceConfig toConfig() throws InvalidConfigurationException {
        ImageServiceConfig.Builder builder = ImageServiceConfig.builder();
        try {
            if (listen() != null) {
                builder.listen(listen());
            }
            if (registry() != null) {
                builder.registry(registry());
            }
            if (sizeCap() != null) {
                builder.sizeCap(ByteSizes.parse(sizeCap()));
            }
            if (ownerQuota() != null && !ownerQuota().trim().equals("unlimited")) {
                builder.ownerQuota(ByteSizes.parse(ownerQuota()));
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("Invalid configuration of images: " + e.getMessage());
        }
        if (showDirectUrl() != null) {
            builder.showDirectUrl(showDirectUrl());
        }
        if (showMultipleLocations() != null) {
            builder.showMultipleLocations(showMultipleLocations());
        }
        if (hash() != null) {
            try {
                builder.hash(ChecksumAlgorithm.fromId(hash()));
            } catch (InvalidChecksumException e) {
                throw new InvalidConfigurationException("Invalid configuration of images: key 'hash' must be md5, sha256 or sha512");
            }
        }
        if (idleTimeout() != null) {
            builder.idleTimeout(duration("idle-timeout", idleTimeout()));
        }
        if (uploadLease() != null) {
            Duration lease = duration("upload-lease", uploadLease());
            if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new InvalidConfigurationException("Invalid configuration of images: key 'upload-lease' must be at least 1s");
            }
            builder.uploadLease(lease);
        }
        if (registryUser() != null || registryPassword() != null) {
            builder.registryCredentials(new RegistryCredentials(Optional.ofNullable(registryUser()),
                    Optional.ofNullable(registryPassword())));
        }
        if (auth() != null) {
            AuthTokens.bind(auth(), (token, grant) -> {
                if (builder.hasToken(token)) {
                    return false;
                }
                builder.token(token, grant);
                return true;
            });
        }
        Optional.ofNullable(stagingStore()).ifPresent(builder::stagingStore);
        Optional.ofNullable(webDownloadStore()).ifPresent(builder::webDownloadStore);
        if (locationSchemes() != null) {
            if (locationSchemes().stream().anyMatch(scheme -> scheme == null || !scheme.matches("[a-z][a-z0-9+.-]*"))) {
                throw new InvalidConfigurationException("Invalid configuration of images: key 'location-schemes' expects"
                        + " lower-case URI schemes");
            }
            builder.locationSchemes(locationSchemes());
        }
        return builder.build(Boolean.TRUE.equals(openAccess()));
    }

    private static Duration duration(String key, String text) throws InvalidConfigurationException {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new InvalidConfigurationException("Invalid configuration of images: key '" + key + "' expects a duration"
                    + " such as 500ms, 30s or 2m");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

}
