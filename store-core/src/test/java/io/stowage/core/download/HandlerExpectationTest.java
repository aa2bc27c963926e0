package io.stowage.core.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.Checksum;
import io.stowage.ChecksumAlgorithm;
import io.stowage.IntegrityException;
import io.stowage.Location;
import io.stowage.ProgressListener;
import io.stowage.download.DownloadHandler;
import io.stowage.integrity.ContentExpectation;
import io.stowage.integrity.ContentVerifier;
import io.stowage.integrity.VerifiedContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link ContentExpectation} a {@link DirectDownloader} hands its handlers, and what they make of it. */
class HandlerExpectationTest {
    private static final byte[] DATA = "expected bytes".getBytes(StandardCharsets.US_ASCII);
    private static final Checksum DATA_SHA512 = new Checksum(ChecksumAlgorithm.SHA512, hex("SHA-512", DATA));

    @TempDir
    Path dir;

    /**
     * Holds a copy of {@code payload} per location; checks the size before copying, verifies while
     * copying, and records the expectations it was handed and the copies it started.
     */
    private static final class VerifyingHandler implements DownloadHandler {
        final Map<String, byte[]> copies;
        final List<ContentExpectation> expectations = new ArrayList<>();
        final List<String> copied = new ArrayList<>();

        VerifyingHandler(Map<String, byte[]> copies) {
            this.copies = copies;
        }

        @Override
        public void download(Location location, Path target) {
            throw new AssertionError("the downloader must use the download with an expectation");
        }

        @Override
        public Optional<VerifiedContent> download(Location location, Path target, ContentExpectation expectation)
                throws IOException {
            expectations.add(expectation);
            byte[] copy = copies.get(location.url());
            expectation.checkSize(copy.length, location.toString());
            copied.add(location.url());
            ContentVerifier verifier = expectation.verifier(location.toString(), ProgressListener.NONE);
            verifier.update(copy, 0, copy.length);
            VerifiedContent content = verifier.finish();
            Files.write(target, copy);
            return Optional.of(content);
        }
    }

    @Test
    void handlersAreHeldToTheExpectedSizeAndChecksum() throws Exception {
        VerifyingHandler handler = new VerifyingHandler(Map.of("file:///a", DATA));
        DirectDownloader downloader = DirectDownloader.of(AllowedSchemes.of(List.of("file")), Map.of("file", handler));
        DownloadOptions options = DownloadOptions.none().withExpectedSize(DATA.length).withExpectedChecksum(DATA_SHA512);

        DownloadResult result = downloader.download(List.of(Location.parse("file:///a")), dir.resolve("out"), options);

        assertThat(handler.expectations).singleElement().satisfies(expectation -> {
            assertThat(expectation.size()).hasValue(DATA.length);
            assertThat(expectation.checksum()).contains(DATA_SHA512);
            assertThat(expectation.algorithms()).containsExactlyInAnyOrder(ChecksumAlgorithm.SHA256, ChecksumAlgorithm.SHA512);
        });
        assertThat(result.size()).isEqualTo(DATA.length);
        assertThat(result.checksums().value(ChecksumAlgorithm.SHA512)).contains(DATA_SHA512.hex());
        assertThat(result.checksums().sha256()).isEqualTo(hex("SHA-256", DATA));
        assertThat(dir.resolve("out")).hasBinaryContent(DATA);
    }

    @Test
    void aCopyOfTheWrongSizeIsRefusedBeforeItIsCopiedAndTheNextCandidateServes() throws Exception {
        byte[] longer = "expected bytes, and more".getBytes(StandardCharsets.US_ASCII);
        VerifyingHandler handler = new VerifyingHandler(Map.of("file:///long", longer, "file:///right", DATA));
        DirectDownloader downloader = DirectDownloader.of(AllowedSchemes.of(List.of("file")), Map.of("file", handler));
        DownloadOptions options = DownloadOptions.none().withExpectedSize(DATA.length);

        DownloadResult result = downloader.download(List.of(Location.parse("file:///long"), Location.parse("file:///right")),
                dir.resolve("out"), options);

        assertThat(handler.copied).containsExactly("file:///right");
        assertThat(result.source()).map(Location::url).contains("file:///right");
        assertThat(dir.resolve("out")).hasBinaryContent(DATA);
    }

    @Test
    void aHandlerThatFindsTheChecksumWrongFailsThatCandidate() throws Exception {
        byte[] corrupt = "expected bytez".getBytes(StandardCharsets.US_ASCII);
        VerifyingHandler handler = new VerifyingHandler(Map.of("file:///corrupt", corrupt));
        DirectDownloader downloader = DirectDownloader.of(AllowedSchemes.of(List.of("file")), Map.of("file", handler));
        DownloadOptions options = DownloadOptions.none().withExpectedSize(DATA.length).withExpectedChecksum(DATA_SHA512);

        assertThatThrownBy(() -> downloader.download(List.of(Location.parse("file:///corrupt")), dir.resolve("out"), options))
                .isInstanceOf(io.stowage.StoreException.class)
                .hasMessage("Direct download failed: 1 candidate(s) failed, and there is no fallback")
                .satisfies(failure -> assertThat(failure.getSuppressed()).singleElement()
                        .isInstanceOf(IntegrityException.class)
                        .extracting(Throwable::getMessage).asString()
                        .startsWith("Checksum mismatch for file:///corrupt: expected " + DATA_SHA512));
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void theDefaultCopiesAndLeavesTheVerificationToTheCaller() throws Exception {
        List<String> calls = new ArrayList<>();
        DownloadHandler plain = (location, target) -> {
            calls.add(location.url());
            Files.write(target, DATA);
        };

        Optional<VerifiedContent> verified = plain.download(Location.parse("file:///a"), Files.createFile(dir.resolve("t")),
                ContentExpectation.builder().size(1).build());

        assertThat(verified).isEmpty();
        assertThat(calls).containsExactly("file:///a");
        assertThat(dir.resolve("t")).hasBinaryContent(DATA);
    }

    @Test
    void anExpectationChecksSizesAndSaysWhatItExpects() {
        ContentExpectation expectation = ContentExpectation.builder().size(14).checksum(DATA_SHA512).build();

        assertThatThrownBy(() -> expectation.checkSize(15, "file:///a"))
                .isInstanceOf(IntegrityException.class)
                .hasMessage("The data of file:///a has 15 bytes, not the expected 14");
        assertThat(expectation).hasToString("ContentExpectation[size=14, checksum=" + DATA_SHA512 + ", algorithms=[SHA512]]");
        assertThat(ContentExpectation.none()).hasToString("ContentExpectation[size=unknown, checksum=unknown, algorithms=[]]");
        assertThatThrownBy(() -> ContentExpectation.builder().size(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An expected size cannot be negative: -1");
    }

    private static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
