package io.stowage.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Data written to stdout. A {@link PrintStream} swallows write errors; this one reports them,
 * so that {@code stowage get ... | head} stops reading once the pipe is closed.
 */
final class StdoutSink extends OutputStream {
    private final PrintStream out;

    StdoutSink(PrintStream out) {
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        check();
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        out.write(buffer, offset, length);
        check();
    }

    @Override
    public void flush() throws IOException {
        check();
    }

    private void check() throws IOException {
        if (out.checkError()) {
            throw new StdoutClosedException();
        }
    }
}
