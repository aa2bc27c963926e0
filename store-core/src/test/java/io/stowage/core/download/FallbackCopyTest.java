package io.stowage.core.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.stowage.Checksum;
import io.stowage.ChecksumAlgorithm;
import io.stowage.IntegrityException;
import io.stowage.Location;
import io.stowage.StoreException;
import io.stowage.download.DownloadHandler;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback's copy (written on the calling thread, verified on the copy's other thread) over
 * data of many buffers: what it writes, and what it leaves when the data is wrong, the source
 * breaks, the thread is interrupted or the disk is full.
 */
class FallbackCopyTest {
    /** Many of the copy's 256 KiB buffers, and not a multiple of one. */
    private static final int SIZE = 5 * 1024 * 1024 + 17;
    private static final byte[] DATA = randomBytes(SIZE);
    private static final Checksum DATA_SHA256 = new Checksum(ChecksumAlgorithm.SHA256, sha256(DATA));

    @TempDir
    Path dir;

    private final DirectDownloader downloader = DirectDownloader.of(AllowedSchemes.NONE, Map.of());

    @AfterEach
    void closeDownloader() throws IOException {
        downloader.close();
    }

    @Test
    void writesAndVerifiesDataOfManyBuffersReadInShortPieces() throws Exception {
        Path target = dir.resolve("image");
        List<Long> progress = new CopyOnWriteArrayList<>();
        List<Thread> progressThreads = new CopyOnWriteArrayList<>();
        DownloadOptions options = DownloadOptions.none().withExpectedSize(SIZE).withExpectedChecksum(DATA_SHA256)
                .withProgress(bytes -> {
                    progress.add(bytes);
                    progressThreads.add(Thread.currentThread());
                });

        DownloadResult result = downloader.download(List.of(), target, options,
                () -> new ShortReads(new ByteArrayInputStream(DATA), new Random(7), 70_000));

        assertThat(result.servedByFallback()).isTrue();
        assertThat(result.size()).isEqualTo(SIZE);
        assertThat(result.checksums().sha256()).isEqualTo(DATA_SHA256.hex());
        assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
        assertThat(progress).isSorted().last().isEqualTo((long) SIZE);
        assertThat(progressThreads).containsOnly(Thread.currentThread());
        assertThat(filesIn(dir)).containsExactly("image");
    }

    @Test
    void aHandlerThatReplacedTheTempFileBeforeItFailedLeavesNothingOfItsOwn() throws Exception {
        byte[] corrupt = "a corrupt copy".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        DownloadHandler replacing = (location, temp) -> {
            Files.copy(new ByteArrayInputStream(corrupt), temp, StandardCopyOption.REPLACE_EXISTING);
            throw new StoreException("injected failure of " + location);
        };
        Path target = dir.resolve("image");

        DownloadResult result;
        try (DirectDownloader withHandler = DirectDownloader.of(AllowedSchemes.of(List.of("file")),
                Map.of("file", replacing))) {
            result = withHandler.download(List.of(Location.parse("file:///images/image")), target, expecting(SIZE),
                    () -> new ByteArrayInputStream(DATA));
        }

        assertThat(result.servedByFallback()).isTrue();
        assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
        assertThat(filesIn(dir)).containsExactly("image");
    }

    @Test
    void dataWithAnotherHashLeavesTheTargetAsItWas() throws Exception {
        Path target = Files.writeString(dir.resolve("image"), "the old image");
        byte[] corrupt = DATA.clone();
        corrupt[SIZE - 1000] ^= 1;

        Throwable thrown = catchThrowable(() -> downloader.download(List.of(), target, expecting(SIZE),
                () -> new ByteArrayInputStream(corrupt)));

        assertThat(thrown).isInstanceOf(IntegrityException.class)
                .hasMessageStartingWith("Checksum mismatch for the fallback read: expected " + DATA_SHA256);
        assertThat(Files.readString(target)).isEqualTo("the old image");
        assertThat(filesIn(dir)).containsExactly("image");
    }

    @Test
    void dataLongerThanExpectedLeavesNoTarget() {
        Path target = dir.resolve("image");

        Throwable thrown = catchThrowable(() -> downloader.download(List.of(), target, expecting(SIZE - 300_000),
                () -> new ByteArrayInputStream(DATA)));

        assertThat(thrown).isInstanceOf(IntegrityException.class)
                .hasMessage("The data of the fallback read is longer than its declared size of " + (SIZE - 300_000) + " bytes");
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void aSourceThatBreaksLeavesNoTargetAndItsErrorPassesUnchanged() {
        Path target = dir.resolve("image");
        IOException broken = new IOException("the connection was reset");

        Throwable thrown = catchThrowable(() -> downloader.download(List.of(), target, expecting(SIZE),
                () -> new FailingAfter(new ByteArrayInputStream(DATA), 3 * 1024 * 1024, broken)));

        assertThat(thrown).isSameAs(broken);
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void anInterruptLeavesNoTargetAndKeepsTheInterruptStatus() {
        Path target = dir.resolve("image");
        Throwable thrown;
        boolean interrupted;
        try {
            thrown = catchThrowable(() -> downloader.download(List.of(), target, expecting(SIZE),
                    () -> new InterruptingAfter(new ByteArrayInputStream(DATA), 2 * 1024 * 1024)));
        } finally {
            interrupted = Thread.interrupted();
        }

        assertThat(interrupted).isTrue();
        assertThat(thrown).isInstanceOf(ClosedByInterruptException.class);
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void aFullDiskLeavesTheTargetAsItWas() throws Exception {
        try (FileSystem disk = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setAttributeViews("basic", "owner", "posix", "unix")
                .setBlockSize(4096)
                .setMaxSize(2 * 1024 * 1024)
                .build())) {
            Path images = Files.createDirectories(disk.getPath("/images"));
            Path target = Files.writeString(images.resolve("image"), "the old image");

            Throwable thrown = catchThrowable(() -> downloader.download(List.of(), target, expecting(SIZE),
                    () -> new ByteArrayInputStream(DATA)));

            assertThat(thrown).isInstanceOf(IOException.class).hasMessageContaining("out of disk space");
            assertThat(Files.readString(target)).isEqualTo("the old image");
            assertThat(filesIn(images)).containsExactly("image");
        }
    }

    private static DownloadOptions expecting(long size) {
        return DownloadOptions.none().withExpectedSize(size).withExpectedChecksum(DATA_SHA256);
    }

    private static List<String> filesIn(Path dir) {
        try (var files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] data = new byte[size];
        new Random(42).nextBytes(data);
        return data;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Returns at most a random number of bytes, up to {@code longest}, per read. */
    private static final class ShortReads extends FilterInputStream {
        private final Random random;
        private final int longest;

        ShortReads(InputStream source, Random random, int longest) {
            super(source);
            this.random = random;
            this.longest = longest;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return super.read(buffer, offset, Math.min(length, 1 + random.nextInt(longest)));
        }
    }

    /** Throws {@code failure} once {@code limit} bytes were read. */
    private static final class FailingAfter extends FilterInputStream {
        private final long limit;
        private final IOException failure;
        private long read;

        FailingAfter(InputStream source, long limit, IOException failure) {
            super(source);
            this.limit = limit;
            this.failure = failure;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (read >= limit) {
                throw failure;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, limit - read));
            read += Math.max(n, 0);
            return n;
        }
    }

    /** Interrupts the reading thread once {@code limit} bytes were read, and goes on delivering. */
    private static final class InterruptingAfter extends FilterInputStream {
        private final long limit;
        private long read;

        InterruptingAfter(InputStream source, long limit) {
            super(source);
            this.limit = limit;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (read >= limit) {
                Thread.currentThread().interrupt();
            }
            int n = super.read(buffer, offset, length);
            read += Math.max(n, 0);
            return n;
        }
    }
}
