package io.stowage.image.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** The {@code images} section of the config file as written; {@link ImageServiceConfig} checks it. */
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
        @JsonProperty("web-download-store") String webDownloadStore) {
}
