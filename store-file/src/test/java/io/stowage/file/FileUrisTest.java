package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileUrisTest {
    @Test
    void writesGlanceStyleLocations() {
        assertThat(FileUris.uri(List.of("var", "lib", "glance", "images", "abc-1")))
                .isEqualTo(URI.create("file:///var/lib/glance/images/abc-1"));
    }

    @Test
    void encodesAndDecodesAnyName() {
        List<String> segments = List.of("data dir", "100%", "a?b#c", "ünï", "semi;colon", "x~y", "C:", "a@b+c=d");

        URI uri = FileUris.uri(segments);

        assertThat(uri.toString()).isEqualTo("file:///data%20dir/100%25/a%3Fb%23c/%C3%BCn%C3%AF/semi;colon/x~y/C:/a@b+c=d");
        assertThat(FileUris.localPathSegments(uri)).contains(segments);
    }

    @Test
    void takesTheSegmentsOfAPathFromItsRoot() throws Exception {
        assertThat(FileUris.segments(Path.of("/var/lib/glance"))).containsExactly("var", "lib", "glance");
        assertThat(FileUris.segments(Path.of("/"))).isEmpty();
        try (FileSystem windows = Jimfs.newFileSystem(Configuration.windows())) {
            assertThat(FileUris.segments(windows.getPath("C:\\images\\glance"))).containsExactly("C:", "images", "glance");
        }
    }

    @Test
    void normalisesTheHarmlessForms() {
        List<String> expected = List.of("data", "id");
        for (String text : List.of("file:///data/id", "file:/data/id", "file://localhost/data/id", "file://LOCALHOST/data/id",
                "file:////data//id", "file:///data/./id", "file:///./data/%2E/id", "file:///%64ata/%69d")) {
            assertThat(FileUris.localPathSegments(URI.create(text))).as(text).contains(expected);
        }
    }

    @Test
    void refusesWhatCouldNameSomethingElse() {
        for (String text : List.of("file://host/data/id", "file://user@localhost/data/id", "file://localhost:1/data/id",
                "file:///data/id?x", "file:///data/id#x", "file:///data/id/", "file:///data/../id", "file:///data/%2e%2e/id",
                "file:///data/%2E%2e/id", "file:///data/..%2Fid", "file:///data%2Fid", "file:///data%5Cid", "file:///data/id%00",
                "file:///data/%C3", "file:///data/%FF%FE")) {
            assertThat(FileUris.localPathSegments(URI.create(text))).as(text).isEmpty();
        }
        assertThat(FileUris.localPathSegments(URI.create("file:relative/id"))).isEmpty();
    }

    @Test
    void decodesPercentEscapesAsUtf8() {
        assertThat(FileUris.decode("a%20b")).contains("a b");
        assertThat(FileUris.decode("%E2%82%AC")).contains("€");
        assertThat(FileUris.decode("plain")).contains("plain");
        assertThat(FileUris.decode("%E2%82")).isEqualTo(Optional.empty());
        assertThat(FileUris.decode("%")).isEmpty();
        assertThat(FileUris.decode("%2")).isEmpty();
        assertThat(FileUris.decode("%zz")).isEmpty();
    }
}
