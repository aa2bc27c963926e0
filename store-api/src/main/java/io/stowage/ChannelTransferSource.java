package io.stowage;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * A backend's stream that can move its next bytes to a channel itself, without passing them
 * through the Java heap: a file backend hands them to {@link java.nio.channels.FileChannel#transferTo},
 * which the kernel does on Linux ({@code sendfile}, {@code copy_file_range}). A backend's
 * stream implements it optionally; {@link ObjectStream#transferTo(WritableByteChannel, long)}
 * uses it when it is there and reads otherwise, so the stream's promises (never more than its
 * length, a short object an {@link IntegrityException}) hold either way.
 */
public interface ChannelTransferSource {
    /**
     * Moves up to {@code maxBytes} of this stream's next bytes to {@code target}, as far as the
     * stream's reads would have returned them, and advances the stream past them.
     *
     * @param target where the bytes go; its failures pass through as it threw them
     * @param maxBytes at most this many bytes, more than 0
     * @return the bytes moved; 0 when this way moves nothing more (at the end of the data, or
     *     when the target cannot take them this way): the caller then reads
     * @throws IOException a failure of the source, in the store's error family, or one of the target's
     */
    long transferTo(WritableByteChannel target, long maxBytes) throws IOException;
}
