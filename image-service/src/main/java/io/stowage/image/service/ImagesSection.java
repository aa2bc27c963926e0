package io.stowage.image.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The {@code images} section of the config file as written; {@link ImageServiceConfig} checks it.
 * {@code api-servers} belongs to the image client ({@code stowage image}), which shares the file:
 * the service accepts a list there and ignores it.
 */
record ImagesSection(
        @JsonProperty("listen") String listen,
        @JsonProperty("registry") String registry,
        @JsonProperty("auth") JsonNode auth,
        @JsonProperty("size-cap") String sizeCap,
        @JsonProperty("show-direct-url") Boolean showDirectUrl,
        @JsonProperty("show-multiple-locations") Boolean showMultipleLocations,
        @JsonProperty("hash") String hash,
        @JsonProperty("idle-timeout") String idleTimeout,
        @JsonProperty("open-access") Boolean openAccess,
        @JsonProperty("api-servers") List<String> apiServers) {
}
