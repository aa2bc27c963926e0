package io.stowage.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The raw baselines of the file add: the durable steps of a store write done by hand on one
 * thread, from the same stream the store gets: read a buffer, (hash it,) write it, and at the
 * end fsync the file, rename it into place and fsync the dir.
 */
final class DurableCopy {
    /** The buffer size of the file store's copy (its default {@code bufferSize}). */
    static final int BUFFER = (int) Sizes.MIB;

    private DurableCopy() {}

    /**
     * Copies {@code in} to {@code dir/name} durably; with a digest, hashes each buffer in the
     * same thread before writing it.
     *
     * @return the bytes copied
     */
    static long copy(InputStream in, Path dir, String name, Optional<MessageDigest> digest) throws IOException {
        Path temp = dir.resolve("." + name + ".tmp");
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                if (digest.isPresent()) {
                    digest.get().update(buffer, 0, n);
                }
                ByteBuffer data = ByteBuffer.wrap(buffer, 0, n);
                while (data.hasRemaining()) {
                    out.write(data);
                }
                total += n;
            }
            out.force(true);
        }
        Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        Workspace.syncDir(dir);
        digest.ifPresent(MessageDigest::digest);
        return total;
    }
}
