package io.stowage.image.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.InvalidConfigurationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiServersTest {
    private static final List<String> FOUR = List.of("http://a:9292", "http://b:9292", "https://c", "http://d:1/image");

    @Test
    void serversAreShuffledOnceThenCycled() throws Exception {
        ApiServers servers = ApiServers.shuffled(FOUR, new Random(7));
        List<URI> order = servers.order();

        List<URI> asked = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            asked.add(servers.next());
        }

        assertThat(order).extracting(URI::toString).containsExactlyInAnyOrderElementsOf(FOUR);
        assertThat(asked).containsExactly(order.get(0), order.get(1), order.get(2), order.get(3),
                order.get(0), order.get(1), order.get(2), order.get(3), order.get(0), order.get(1));
    }

    @Test
    void clientsStartAtDifferentServers() throws Exception {
        Set<URI> firsts = new HashSet<>();
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(1);
        for (int client = 0; client < 64; client++) {
            firsts.add(ApiServers.shuffled(FOUR, new Random(seeds.nextLong())).next());
        }

        assertThat(firsts).hasSize(4);
    }

    @Test
    void novasHostPortFormIsHttpAndTrailingSlashesGo() throws Exception {
        assertThat(ApiServers.parse("glance.internal:9292")).isEqualTo(URI.create("http://glance.internal:9292"));
        assertThat(ApiServers.parse(" https://[::1]:9292/image/ ")).isEqualTo(URI.create("https://[::1]:9292/image"));
        assertThat(ApiServers.parse("HTTP://Host")).isEqualTo(URI.create("http://Host"));
    }

    @Test
    void serversThatAreNotPlainHttpUrlsAreRefusedWithoutEchoingSecrets() {
        assertThatThrownBy(() -> ApiServers.parse("http://admin:s3cret@glance:9292"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid image API server \"http://glance:9292\": credentials do not belong in it; give the token"
                        + " with --token or STOWAGE_IMAGES_TOKEN")
                .message().doesNotContain("s3cret");
        assertThatThrownBy(() -> ApiServers.parse("ftp://glance"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid image API server \"ftp://glance\": only http and https are served");
        assertThatThrownBy(() -> ApiServers.parse("http://glance:9292/?x=1"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageEndingWith("expected scheme://host[:port][/path] without query or fragment");
        assertThatThrownBy(() -> ApiServers.shuffled(List.of(), new Random()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("No image API server is configured");
    }
}
