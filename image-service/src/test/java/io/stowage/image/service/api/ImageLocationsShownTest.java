package io.stowage.image.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.image.service.Http;
import io.stowage.image.service.TestService;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code show-direct-url} and {@code show-multiple-locations} decide whether image documents name where the data is. */
class ImageLocationsShownTest {
    @TempDir
    Path dir;

    @Test
    void shownWhenConfigured() throws Exception {
        try (TestService service = TestService.start(dir, settings -> settings.showDirectUrl(true).showMultipleLocations(true))) {
            Http http = new Http(service);
            String id = http.create("{}");
            assertThat(http.show(id).get("locations").size()).isZero();
            http.put("/v2/images/" + id + "/file", new byte[100], "Content-Type", "application/octet-stream", "X-Image-Meta-Store", "fast");

            JsonNode image = http.show(id);

            // a fresh object per upload attempt: <image id>.<upload id>
            assertThat(image.get("direct_url").textValue()).startsWith("file://" + dir.resolve("fast").resolve(id) + ".");
            assertThat(image.get("locations").size()).isEqualTo(1);
            assertThat(image.get("locations").get(0).get("url").textValue()).isEqualTo(image.get("direct_url").textValue());
            assertThat(image.get("locations").get(0).get("metadata").get("store").textValue()).isEqualTo("fast");
        }
    }

    @Test
    void hiddenByDefault() throws Exception {
        try (TestService service = TestService.start(dir)) {
            Http http = new Http(service);
            String id = http.create("{}");
            http.put("/v2/images/" + id + "/file", new byte[100], "Content-Type", "application/octet-stream");

            JsonNode image = http.show(id);

            assertThat(image.has("direct_url")).isFalse();
            assertThat(image.has("locations")).isFalse();
            assertThat(image.get("stores").textValue()).isEqualTo("local");
        }
    }
}
