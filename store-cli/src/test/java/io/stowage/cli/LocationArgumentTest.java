package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.InvalidLocationException;
import io.stowage.Location;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocationArgumentTest {
    @Test
    void aUriIsALocationWithoutMetadata() throws Exception {
        assertThat(LocationArgument.parse("memory://mem/abc")).isEqualTo(Location.of(URI.create("memory://mem/abc")));
    }

    @Test
    void aJsonObjectCarriesUrlAndMetadata() throws Exception {
        Location location = LocationArgument.parse(" {\"url\": \"MEMORY://mem/abc\", \"metadata\": {\"store\": \"mem\", \"x\": \"1\"}} ");

        assertThat(location.url()).isEqualTo("memory://mem/abc");
        assertThat(location.metadata()).containsExactly(Map.entry("store", "mem"), Map.entry("x", "1"));
    }

    @Test
    void metadataMayBeAbsentOrNull() throws Exception {
        assertThat(LocationArgument.parse("{\"url\": \"memory://mem/a\"}").metadata()).isEmpty();
        assertThat(LocationArgument.parse("{\"url\": \"memory://mem/a\", \"metadata\": null}").metadata()).isEmpty();
    }

    @Test
    void legacyCredentialsAreDroppedFromTheJsonFormToo() throws Exception {
        Location location = LocationArgument.parse("{\"url\": \"s3://AKID:SECRET@s3.example/bucket/key\"}");

        assertThat(location.url()).doesNotContain("AKID").doesNotContain("SECRET");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "{",
            "{\"url\": 5}",
            "{\"metadata\": {}}",
            "{\"url\": \"memory://mem/a\", \"extra\": 1}",
            "{\"url\": \"memory://mem/a\", \"metadata\": []}",
            "{\"url\": \"memory://mem/a\", \"metadata\": {\"n\": 1}}",
            "{\"url\": \"memory://mem/a\", \"url\": \"memory://mem/b\"}",
            "[\"memory://mem/a\"]",
            "no-scheme/abc",
            "{\"url\": \"no scheme\"}"})
    void anythingElseIsAnInvalidLocation(String text) {
        assertThatThrownBy(() -> LocationArgument.parse(text)).isExactlyInstanceOf(InvalidLocationException.class);
    }

    @Test
    void malformedJsonIsNotEchoed() {
        assertThatThrownBy(() -> LocationArgument.parse("{\"url\": \"s3://k/b\", hunter2secret}"))
                .isExactlyInstanceOf(InvalidLocationException.class)
                .hasMessageStartingWith("Invalid location: malformed JSON at column ")
                .message().doesNotContain("hunter2secret");
    }
}
