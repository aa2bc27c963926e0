package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocationTest {
    @Test
    void parsesAndNormalisesTheScheme() throws Exception {
        Location location = Location.parse("FILE:///var/lib/glance/images/abc");

        assertThat(location.scheme()).isEqualTo("file");
        assertThat(location.url()).isEqualTo("file:///var/lib/glance/images/abc");
        assertThat(location.metadata()).isEmpty();
    }

    @Test
    void roundTripsThroughItsUrl() throws Exception {
        Location location = Location.parse("s3://images/prefix/abc", Map.of("store", "images"));

        assertThat(Location.parse(location.url(), location.metadata())).isEqualTo(location);
        assertThat(location.storeName()).contains("images");
    }

    @Test
    void dropsCredentialsFromLegacyGlanceS3Locations() throws Exception {
        Location location = Location.parse("s3://AKIAEXAMPLE:se/cr+et@s3.example.com:8080/images/abc");

        assertThat(location.url()).isEqualTo("s3://images/abc");
        assertThat(location.metadata()).containsExactly(Map.entry(Location.LEGACY_S3_ENDPOINT_KEY, "https://s3.example.com:8080"));
        assertThat(location.toString()).doesNotContain("AKIAEXAMPLE").doesNotContain("se/cr+et");
    }

    @Test
    void readsTheS3PlusHttpForms() throws Exception {
        assertThat(Location.parse("s3+http://AK:SK@10.0.0.1/path/images/abc").metadata())
                .containsEntry(Location.LEGACY_S3_ENDPOINT_KEY, "http://10.0.0.1/path");
        Location https = Location.parse("S3+HTTPS://s3.example.com/images/abc");
        assertThat(https.url()).isEqualTo("s3://images/abc");
        assertThat(https.metadata()).containsEntry(Location.LEGACY_S3_ENDPOINT_KEY, "https://s3.example.com");
    }

    @Test
    void cleanS3FormKeepsSlashesInTheKey() throws Exception {
        Location location = Location.parse("s3://bucket/a/b/c");

        assertThat(location.uri().getAuthority()).isEqualTo("bucket");
        assertThat(location.uri().getPath()).isEqualTo("/a/b/c");
        assertThat(location.metadata()).isEmpty();
    }

    @Test
    void dropsUserInfoFromOtherSchemes() throws Exception {
        Location location = Location.parse("https://user:p%40ss@example.com/images/a@b");

        assertThat(location.url()).isEqualTo("https://example.com/images/a@b");
    }

    @Test
    void redactsSecretQueryParametersInToString() throws Exception {
        Location location = Location.parse(
                "https://host/obj?X-Amz-Credential=AKIA123&X-Amz-Signature=deadbeef&part=1&token=t0k");

        assertThat(location.toString())
                .isEqualTo("https://host/obj?X-Amz-Credential=***&X-Amz-Signature=***&part=1&token=***");
        assertThat(location.url()).contains("deadbeef");
    }

    @Test
    void refusesMalformedText() {
        for (String text : new String[] {"", "abc", "/etc/passwd", "file:relative", "mailto:a@b", "http://h/a b",
                "http://h/\u0000", "1http://h/x", "http:///nohost", "s3+ftp://h/b/k", "s3+https://host/onlybucket",
                "s3://AK:SK@host/b/k?x=1", "http://[::1/x"}) {
            assertThatThrownBy(() -> Location.parse(text)).as(text).isInstanceOf(InvalidLocationException.class);
        }
        assertThatThrownBy(() -> Location.parse(null)).isInstanceOf(InvalidLocationException.class);
        assertThatThrownBy(() -> Location.parse("http://h/" + "a".repeat(Location.MAX_LENGTH)))
                .isInstanceOf(InvalidLocationException.class)
                .hasMessageContaining("longer than 8192");
    }

    @Test
    void errorMessagesNeverRepeatCredentials() {
        assertThatThrownBy(() -> Location.parse("s3://AKIAEXAMPLE:SECRETKEY@host/onlybucket"))
                .isInstanceOf(InvalidLocationException.class)
                .hasMessageNotContaining("SECRETKEY")
                .hasMessageNotContaining("AKIAEXAMPLE");
        assertThatThrownBy(() -> Location.parse("http://user:SECRETKEY@host/a b"))
                .isInstanceOf(InvalidLocationException.class)
                .hasMessageNotContaining("SECRETKEY");
    }

    @Test
    void ofRefusesUserInfoAndRelativeUris() {
        assertThatThrownBy(() -> Location.of(URI.create("http://u:SECRET@h/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("SECRET");
        assertThatThrownBy(() -> Location.of(URI.create("relative/x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void metadataIsImmutableAndSorted() throws Exception {
        Location location = Location.parse("file:///d/x", Map.of("b", "2", "a", "1")).withMetadata("c", "3");

        assertThat(location.metadata()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3"));
        assertThatThrownBy(() -> location.metadata().put("d", "4")).isInstanceOf(UnsupportedOperationException.class);
    }
}
