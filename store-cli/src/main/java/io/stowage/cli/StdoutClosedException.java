package io.stowage.cli;

import java.io.IOException;

/** stdout stopped taking data (a closed pipe, as in {@code stowage get ... | head}). */
final class StdoutClosedException extends IOException {
    StdoutClosedException() {
        super("stdout was closed before all data was written");
    }

    /** @param cause how writing to stdout failed */
    StdoutClosedException(IOException cause) {
        super("stdout was closed before all data was written", cause);
    }
}
