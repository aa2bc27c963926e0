package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.Checksum;
import io.stowage.ChecksumAlgorithm;
import io.stowage.IntegrityException;
import io.stowage.Location;
import io.stowage.download.DownloadHandler;
import io.stowage.integrity.ContentExpectation;
import io.stowage.integrity.VerifiedContent;
import io.stowage.tck.source.Payload;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code file} handler held to a {@link ContentExpectation}: a copy of the wrong size is refused
 * before it is copied, and the bytes are verified as they are copied (through the pipelined copy:
 * the payloads span several of its buffers).
 */
class FileDownloadHandlerExpectationTest {
    private static final int SIZE = 3 * FileStoreConfig.DEFAULT_BUFFER_SIZE + 12_345;

    @TempDir
    Path root;

    private Path mount;
    private Path target;
    private DownloadHandler handler;

    @BeforeEach
    void createHandler() throws Exception {
        mount = Files.createDirectories(root.resolve("mnt/images"));
        target = Files.createFile(root.resolve("target"));
        handler = new FileDownloadHandlerProvider().create(
                FileDownloadHandlerConfig.of(new FilesystemMount("shared-nfs", mount.toString())));
    }

    @AfterEach
    void closeHandler() throws Exception {
        handler.close();
    }

    private static Location location(String name) {
        return Location.of(URI.create("file:///var/lib/glance/images/" + name),
                Map.of("id", "shared-nfs", "mountpoint", "/var/lib/glance/images"));
    }

    @Test
    void aCopyIsVerifiedAsItIsWritten() throws Exception {
        byte[] data = Payload.of(SIZE, 1).bytes();
        Files.write(mount.resolve("img"), data);
        Checksum sha512 = new Checksum(ChecksumAlgorithm.SHA512, hex("SHA-512", data));
        String sha256 = hex("SHA-256", data);

        Optional<VerifiedContent> verified = handler.download(location("img"), target,
                ContentExpectation.builder().size(SIZE).checksum(sha512).algorithms(Set.of(ChecksumAlgorithm.SHA256)).build());

        assertThat(verified).hasValueSatisfying(content -> {
            assertThat(content.size()).isEqualTo(SIZE);
            assertThat(content.checksums().values()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    ChecksumAlgorithm.SHA512, sha512.hex(), ChecksumAlgorithm.SHA256, sha256));
        });
        assertThat(target).hasBinaryContent(data);
    }

    @Test
    void aCopyOfAnotherSizeIsRefusedBeforeAByteIsCopied() throws Exception {
        Files.write(mount.resolve("img"), Payload.of(SIZE, 2).bytes());

        assertThatThrownBy(() -> handler.download(location("img"), target, ContentExpectation.builder().size(SIZE + 1).build()))
                .isInstanceOf(IntegrityException.class)
                .hasMessage("The data of file:///var/lib/glance/images/img has " + SIZE + " bytes, not the expected "
                        + (SIZE + 1));
        assertThat(Files.size(target)).isZero();
    }

    @Test
    void aCorruptCopyOfTheRightSizeFailsItsChecksum() throws Exception {
        byte[] data = Payload.of(SIZE, 3).bytes();
        Checksum sha256 = new Checksum(ChecksumAlgorithm.SHA256, hex("SHA-256", data));
        data[SIZE - 7] ^= 1;
        Files.write(mount.resolve("img"), data);

        assertThatThrownBy(() -> handler.download(location("img"), target,
                ContentExpectation.builder().size(SIZE).checksum(sha256).build()))
                .isInstanceOf(IntegrityException.class)
                .hasMessage("Checksum mismatch for file:///var/lib/glance/images/img: expected " + sha256 + ", got sha256:"
                        + hex("SHA-256", data));
    }

    @Test
    void aClosedHandlerRefusesToCopy() throws Exception {
        Files.write(mount.resolve("img"), Payload.of(SIZE, 4).bytes());
        handler.close();

        assertThatThrownBy(() -> handler.download(location("img"), target, ContentExpectation.none()))
                .isInstanceOf(io.stowage.StoreException.class)
                .hasMessageEndingWith("failed: the file download handler is closed");
    }

    private static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
