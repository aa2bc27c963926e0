package io.stowage.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import org.apache.commons.io.file.PathUtils;

/**
 * The temp dir of one benchmark run, on the disk being measured: the source file every
 * transfer scenario reads (random bytes, written once so that it sits in the page cache) and a
 * dir per scenario. Everything goes when the run ends, also when it fails or is interrupted.
 */
final class Workspace implements AutoCloseable {
    private static final int WRITE_BLOCK = (int) Sizes.MIB;

    private final Path root;
    private final Path source;
    private final long size;

    private Workspace(Path root, Path source, long size) {
        this.root = root;
        this.source = source;
        this.size = size;
    }

    /** Makes the workspace under {@code parent} with a source file of {@code size} random bytes. */
    static Workspace create(Path parent, long size) throws IOException {
        Path root = Files.createTempDirectory(parent, "stowage-bench-");
        try {
            Path source = Files.createDirectories(root.resolve("source")).resolve("source.bin");
            writeRandom(source, size, 7);
            return new Workspace(root, source, size);
        } catch (IOException | RuntimeException e) {
            deleteTree(root);
            throw e;
        }
    }

    Path root() {
        return root;
    }

    /** The file of {@link #size()} random bytes the transfer scenarios read. */
    Path source() {
        return source;
    }

    long size() {
        return size;
    }

    /** A new empty dir for one scenario. */
    Path dir(String name) throws IOException {
        return Files.createDirectories(root.resolve(name));
    }

    /** Writes {@code size} pseudo-random bytes (reproducible from {@code seed}) and fsyncs them. */
    static void writeRandom(Path file, long size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] block = new byte[WRITE_BLOCK];
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long left = size;
            while (left > 0) {
                int n = (int) Math.min(block.length, left);
                for (int i = 0; i < n; i += 8) {
                    long value = random.nextLong();
                    for (int j = 0; j < 8 && i + j < n; j++) {
                        block[i + j] = (byte) (value >>> (8 * j));
                    }
                }
                out.write(block, 0, n);
                left -= n;
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** fsyncs a dir, so that the names created or removed in it are durable. */
    static void syncDir(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Removes {@code root} and everything below it, if it is there. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            PathUtils.deleteDirectory(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        deleteTree(root);
    }
}
