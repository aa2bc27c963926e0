package io.stowage.cli;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The streams one run of the command works with.
 *
 * @param progressTerminal whether {@code err} is a terminal a progress bar may be drawn on
 */
record StandardStreams(InputStream in, PrintStream out, PrintStream err, boolean progressTerminal) {
    StandardStreams {
        requireNonNull(in, "in is null");
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
    }
}
