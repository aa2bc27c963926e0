package io.stowage.cli;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.WritableByteChannel;
import java.util.Optional;

/**
 * The streams one run of the command works with.
 *
 * @param progressTerminal whether {@code err} is a terminal a progress bar may be drawn on
 * @param outChannel the process's stdout as a channel, when {@code out} is the process's stdout
 *     (only in {@code main}): {@code get} moves data there without passing it through the heap
 */
record StandardStreams(InputStream in, PrintStream out, PrintStream err, boolean progressTerminal,
        Optional<WritableByteChannel> outChannel) {
    StandardStreams {
        requireNonNull(in, "in is null");
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        requireNonNull(outChannel, "outChannel is null");
    }
}
