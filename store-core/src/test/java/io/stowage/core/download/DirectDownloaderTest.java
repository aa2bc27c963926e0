package io.stowage.core.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.Checksum;
import io.stowage.ChecksumAlgorithm;
import io.stowage.IntegrityException;
import io.stowage.InvalidConfigurationException;
import io.stowage.Location;
import io.stowage.Settings;
import io.stowage.StoreException;
import io.stowage.core.config.DirectDownloadConfig;
import io.stowage.download.DownloadHandler;
import io.stowage.download.DownloadHandlerProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectDownloaderTest {
    private static final byte[] DATA = "direct bytes".getBytes(StandardCharsets.US_ASCII);
    private static final String DATA_SHA256 = sha256(DATA);

    @TempDir
    Path dir;

    /** Writes a fixed payload, or fails, and records every location it was asked for. */
    private static final class RecordingHandler implements DownloadHandler {
        final List<String> calls = new ArrayList<>();
        final byte[] payload;

        RecordingHandler(byte[] payload) {
            this.payload = payload;
        }

        @Override
        public void download(Location location, Path target) throws IOException {
            calls.add(location.url());
            if (payload == null) {
                throw new StoreException("unreachable: " + location);
            }
            Files.write(target, payload);
        }
    }

    @Test
    void servesTheFirstAllowedCandidate() throws Exception {
        RecordingHandler file = new RecordingHandler(DATA);
        RecordingHandler http = new RecordingHandler(DATA);
        DirectDownloader downloader = DirectDownloader.of(AllowedSchemes.of(List.of("FILE")), Map.of("file", file, "http", http));
        Path target = dir.resolve("out");

        DownloadResult result = downloader.download(
                List.of(Location.parse("http://h/x"), Location.parse("file:///a/x")), target, DownloadOptions.none(), failingFallback());

        assertThat(result.source()).map(Location::url).contains("file:///a/x");
        assertThat(result.size()).isEqualTo(DATA.length);
        assertThat(result.checksums().sha256()).isEqualTo(DATA_SHA256);
        assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
        assertThat(http.calls).isEmpty();
        assertThat(file.calls).containsExactly("file:///a/x");
        assertThat(leftovers()).containsExactly("out");
    }

    @Test
    void triesEachCandidateOnceInOrderThenFallsBack() throws Exception {
        RecordingHandler failing = new RecordingHandler(null);
        DirectDownloader downloader = DirectDownloader.of(AllowedSchemes.of(List.of("file")), Map.of("file", failing));
        Path target = dir.resolve("out");

        DownloadResult result = downloader.download(
                List.of(Location.parse("file:///b"), Location.parse("file:///a"), Location.parse("file:///b")),
                target, DownloadOptions.none(), () -> new ByteArrayInputStream(DATA));

        assertThat(failing.calls).containsExactly("file:///b", "file:///a");
        assertThat(result.servedByFallback()).isTrue();
        assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
        assertThat(leftovers()).containsExactly("out");
    }

    @Test
    void aVerificationFailureCountsAsAFailedCandidate() throws Exception {
        RecordingHandler wrong = new RecordingHandler("other bytes!".getBytes(StandardCharsets.US_ASCII));
        RecordingHandler right = new RecordingHandler(DATA);
        DirectDownloader downloader = DirectDownloader.of(AllowedSchemes.of(List.of("file", "http")), Map.of("file", wrong, "http", right));

        DownloadResult result = downloader.download(List.of(Location.parse("file:///a"), Location.parse("http://h/a")),
                dir.resolve("out"), DownloadOptions.none().withExpectedChecksum(new Checksum(ChecksumAlgorithm.SHA256, DATA_SHA256)),
                failingFallback());

        assertThat(result.source()).map(Location::url).contains("http://h/a");
        assertThat(wrong.calls).hasSize(1);
    }

    @Test
    void leavesTheTargetAsItWasWhenEverythingFails() throws Exception {
        Path target = dir.resolve("out");
        Files.writeString(target, "previous");
        DirectDownloader downloader = DirectDownloader.of(AllowedSchemes.of(List.of("file")), Map.of("file", new RecordingHandler(DATA)));

        assertThatThrownBy(() -> downloader.download(List.of(Location.parse("file:///a")), target,
                DownloadOptions.none().withExpectedSize(DATA.length + 1), () -> new ByteArrayInputStream(DATA)))
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining("short of its declared size")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));

        assertThat(Files.readString(target)).isEqualTo("previous");
        assertThat(leftovers()).containsExactly("out");
    }

    /** The temp file's name keeps at most 200 bytes of the target's, so any name the directory can hold can be a target. */
    @Test
    void aTargetWithTheLongestNameTheDirectoryHoldsIsWritten() throws Exception {
        Path target = dir.resolve("n".repeat(255));
        DirectDownloader downloader = DirectDownloader.of(AllowedSchemes.of(List.of("file")), Map.of("file", new RecordingHandler(DATA)));

        DownloadResult result = downloader.download(List.of(Location.parse("file:///a")), target, DownloadOptions.none());

        assertThat(result.size()).isEqualTo(DATA.length);
        assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
        assertThat(leftovers()).containsExactly("n".repeat(255));
    }

    @Test
    void withoutAFallbackFailsWhenNoCandidateWorks() throws Exception {
        DirectDownloader downloader = DirectDownloader.of(AllowedSchemes.of(List.of("file")), Map.of("file", new RecordingHandler(null)));

        assertThatThrownBy(() -> downloader.download(List.of(Location.parse("s3://b/k")), dir.resolve("out"), DownloadOptions.none()))
                .isInstanceOf(StoreException.class)
                .hasMessage("Direct download failed: no candidate has an allowed scheme with a handler (allowed: file), and there is no fallback");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void handlersOfDisallowedSchemesAreNeverUsed() throws Exception {
        RecordingHandler s3 = new RecordingHandler(DATA);
        DirectDownloader downloader = DirectDownloader.of(AllowedSchemes.NONE, Map.of("s3", s3));

        downloader.download(List.of(Location.parse("s3://b/k")), dir.resolve("out"), DownloadOptions.none(), () -> new ByteArrayInputStream(DATA));

        assertThat(s3.calls).isEmpty();
        assertThat(downloader.canDownload("s3")).isFalse();
    }

    private static final class FakeProvider implements DownloadHandlerProvider {
        final List<String> created = new ArrayList<>();

        @Override
        public String type() {
            return "fake";
        }

        @Override
        public Set<String> schemes() {
            return Set.of("fake", "fakes");
        }

        @Override
        public DownloadHandler create(Settings settings) throws InvalidConfigurationException {
            settings.checkKeys("mode");
            created.add(settings.requiredString("mode"));
            return new RecordingHandler(DATA);
        }
    }

    @Test
    void buildsOnlyTheHandlersOfAllowedSchemesFromConfig() throws Exception {
        FakeProvider provider = new FakeProvider();
        Map<String, Object> settings = Map.of("mode", "fast");

        DirectDownloader none = DirectDownloader.fromConfig(DirectDownloadConfig.of(List.of(), Map.of("fake", settings)), List.of(provider));
        DirectDownloader some = DirectDownloader.fromConfig(DirectDownloadConfig.of(List.of("FAKES"), Map.of("fake", settings)), List.of(provider));

        assertThat(none.canDownload("fake")).isFalse();
        assertThat(some.canDownload("fakes")).isTrue();
        assertThat(some.canDownload("fake")).isFalse();
        assertThat(provider.created).containsExactly("fast");
    }

    @Test
    void configurationErrorsSurfaceAtBuildTime() {
        FakeProvider provider = new FakeProvider();
        Map<String, Object> unknownKey = Map.of("speed", "fast");

        assertThatThrownBy(() -> DirectDownloader.fromConfig(DirectDownloadConfig.of(List.of("ftp"), Map.of()), List.of(provider)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration of direct-download: allowed scheme 'ftp' has no download handler (handled schemes: fake, fakes)");
        assertThatThrownBy(() -> DirectDownloader.fromConfig(DirectDownloadConfig.of(List.of(), Map.of("nfs", unknownKey)), List.of(provider)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration of direct-download: unknown handler type 'nfs' (available: fake)");
        assertThatThrownBy(() -> DirectDownloader.fromConfig(DirectDownloadConfig.of(List.of("fake"), Map.of("fake", unknownKey)), List.of(provider)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration of download handler 'fake': unknown key 'speed' (known keys: mode)");
    }

    private static Fallback failingFallback() {
        return () -> {
            throw new AssertionError("the fallback must not run");
        };
    }

    private List<String> leftovers() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static String sha256(byte[] data) {
        return java.util.HexFormat.of().formatHex(ChecksumAlgorithm.SHA256.newDigest().digest(data));
    }
}
