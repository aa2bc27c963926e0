package io.stowage.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Location;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which locations an http store owns: a decision from the URL alone (no DNS, no connection),
 * so these tests name hosts they never contact.
 */
class HttpStoreOwnsTest {
    @ParameterizedTest
    @ValueSource(strings = {"http://images.example.com/a.raw", "https://images.example.com:8443/a.raw?sig=x",
            "HTTP://8.8.8.8:8080/x", "http://[2606:4700:4700::1111]/x", "http://IMAGES.example.com./x"})
    void ownsEveryHttpUrlTheDefaultRulesAllow(String url) throws IOException {
        try (HttpStore store = new HttpStore("web", HttpStoreConfig.defaults())) {
            assertThat(store.owns(Location.parse(url))).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/x",
            "http://[::ffff:169.254.169.254]/x", "https://metadata.google.internal/computeMetadata/v1/",
            "http://100.100.100.200/latest", "ftp://images.example.com/a.raw", "file:///etc/passwd",
            "s3://bucket/key", "HTTP://127.0.0.1:8080/x", "http://[::1]/x", "http://10.0.0.1/x", "http://localhost:8080/x",
            "http://2130706433/x", "http://0177.0.0.1/x", "http://[::ffff:192.168.0.1]/x", "http://0/x"})
    void ownsNoLoopbackPrivateLinkLocalMetadataOrForeignLocation(String url) throws IOException {
        try (HttpStore store = new HttpStore("web", HttpStoreConfig.defaults())) {
            assertThat(store.owns(Location.parse(url))).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://other.example.com/x", "http://images.example.com:8080/x", "http://10.0.0.1/x"})
    void ownsOnlyWhatAllowedHostsList(String url) throws IOException {
        HttpStoreConfig config = TestConfigs.fast("allowedHosts", java.util.List.of("images.example.com:80"));
        try (HttpStore store = new HttpStore("web", config)) {
            assertThat(store.owns(Location.parse(url))).isFalse();
            assertThat(store.owns(Location.of(URI.create("http://images.example.com/x")))).isTrue();
        }
    }
}
