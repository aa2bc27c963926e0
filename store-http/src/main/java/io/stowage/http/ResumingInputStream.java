package io.stowage.http;

import static java.util.Objects.requireNonNull;

import io.stowage.BackendUnavailableException;
import io.stowage.IntegrityException;
import io.stowage.Location;
import io.stowage.OperationInterruptedException;
import io.stowage.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.TruncatedChunkException;

/**
 * The bytes {@code [position, end)} of an object, read from HTTP bodies. When a body breaks off
 * (the connection is cut, stalls past the read timeout, or ends before its length) the read
 * goes on with a ranged request from the byte where it broke, after a backoff, as long as the
 * server proves it is the same object (size, ETag, Last-Modified; {@code If-Range} is sent).
 * At most {@code retries} breaks in a row without a byte of progress are tolerated; then the
 * read fails: with {@link IntegrityException} when the data kept ending early, else with
 * {@link BackendUnavailableException}. It never returns short or foreign data.
 *
 * <p>A body that starts before {@code position} (a server that ignored {@code Range}) is
 * skipped up to it. Closing before the end aborts the connection instead of draining it. An
 * interrupt of the reading thread aborts the connection and ends the read with
 * {@link OperationInterruptedException}, without resuming.
 */
final class ResumingInputStream extends InputStream {
    private static final int SKIP_BUFFER = 64 * 1024;

    private final HttpObjectReader reader;
    private final Location location;
    private final ObjectVersion version;
    private final long start;
    private final long end;
    private final int retries;
    private final Backoff backoff;
    private HttpObjectReader.Opened current;
    private InputStream body;
    private long bodyPosition;
    private long position;
    private int breaksWithoutProgress;
    private boolean closed;

    ResumingInputStream(HttpObjectReader reader, Location location, HttpObjectReader.Opened first, long position,
            long end, int retries, Backoff backoff) {
        this.reader = requireNonNull(reader, "reader is null");
        this.location = requireNonNull(location, "location is null");
        this.current = requireNonNull(first, "first is null");
        this.version = first.version();
        this.start = position;
        this.position = position;
        this.bodyPosition = first.start();
        this.end = end;
        this.retries = retries;
        this.backoff = requireNonNull(backoff, "backoff is null");
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("Stream of " + location + " is closed");
        }
        if (length == 0) {
            return 0;
        }
        if (Interruption.pending()) {
            // a socket read does not react to an interrupt: look for one before each read
            OperationInterruptedException interrupted = Interruption.interrupted("reading " + location, null);
            abortCurrent(interrupted);
            throw interrupted;
        }
        while (position < end) {
            try {
                if (current == null) {
                    current = reader.open(location, position, OptionalLong.of(end), Optional.of(version));
                    bodyPosition = current.start();
                    body = null;
                }
                if (bodyPosition >= current.end() && bodyPosition >= position) {
                    // a server may answer a range with fewer bytes than asked: ask for the rest
                    releaseCurrent();
                    continue;
                }
                InputStream in = body();
                skipTo(in, position);
                int n = in.read(buffer, offset, (int) Math.min(length, Math.min(end, current.end()) - position));
                if (n < 0) {
                    throw new TruncatedBodyException(location + ": the response body ended at byte " + position
                            + " of " + current.end());
                }
                position += n;
                bodyPosition += n;
                breaksWithoutProgress = 0;
                if (position == end) {
                    releaseCurrent();
                }
                return n;
            } catch (StoreException e) {
                abortCurrent(e);
                throw e;
            } catch (IOException | RuntimeException e) {
                abortCurrent(e);
                if (closed) {
                    throw new IOException("Stream of " + location + " is closed", e);
                }
                if (Interruption.pending()) {
                    throw Interruption.interrupted("reading " + location, e);
                }
                onBreak(e);
            }
        }
        return -1;
    }

    private InputStream body() throws IOException {
        if (body == null) {
            body = current.exchange().orElseThrow(() -> new IllegalStateException("no body to read")).body();
        }
        return body;
    }

    /** Drops the bytes of a 200 body that lie before the position wanted. */
    private void skipTo(InputStream in, long wanted) throws IOException {
        if (bodyPosition >= wanted) {
            return;
        }
        byte[] skip = new byte[(int) Math.min(SKIP_BUFFER, wanted - bodyPosition)];
        while (bodyPosition < wanted) {
            int n = in.read(skip, 0, (int) Math.min(skip.length, wanted - bodyPosition));
            if (n < 0) {
                throw new TruncatedBodyException(location + ": the response body ended at byte " + bodyPosition
                        + " while skipping to byte " + wanted);
            }
            bodyPosition += n;
        }
    }

    private void onBreak(Exception cause) throws IOException {
        breaksWithoutProgress++;
        if (breaksWithoutProgress > retries) {
            String read = (position - start) + " of " + (end - start) + " bytes";
            if (isEarlyEnd(cause)) {
                throw new IntegrityException("Truncated body of " + location + ": the server sent " + read
                        + " and kept ending early after " + retries + " resume(s)", cause);
            }
            throw new BackendUnavailableException("Reading " + location + " broke after " + read + " and could not be"
                    + " resumed after " + retries + " resume(s): " + HttpExchanges.describe(cause), cause);
        }
        backoff.pause(breaksWithoutProgress - 1, Optional.empty(), location);
    }

    private static boolean isEarlyEnd(Throwable e) {
        return e instanceof TruncatedBodyException
                || e instanceof ConnectionClosedException
                || e instanceof TruncatedChunkException
                || e instanceof MalformedChunkCodingException;
    }

    /** Gives the connection back: it was read to the end of its body. */
    private void releaseCurrent() {
        if (current != null) {
            if (current.exchange().isPresent() && bodyPosition >= current.end()) {
                current.exchange().get().markDrained();
            }
            current.close();
            current = null;
            body = null;
        }
    }

    private void abortCurrent(Exception cause) {
        if (current != null) {
            try {
                current.close();
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
            current = null;
            body = null;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (current != null) {
                current.close();
                current = null;
                body = null;
            }
        }
    }
}
