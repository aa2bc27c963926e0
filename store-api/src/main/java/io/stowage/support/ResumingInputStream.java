package io.stowage.support;

import static java.util.Objects.requireNonNull;

import io.stowage.BackendUnavailableException;
import io.stowage.IntegrityException;
import io.stowage.MalformedResponseException;
import io.stowage.OperationInterruptedException;
import io.stowage.StoreException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * The bytes {@code [position, end)} of one object, read from a backend's answers. When an
 * answer's body breaks (the connection is cut, stalls past the read timeout, or the body ends
 * before the bytes it promised) the stream asks the backend again, through its {@link Opener},
 * for the bytes from where it broke, after a {@link Backoff} pause, as long as the {@link Limit}
 * allows; the opener pins every answer to the version of the object the first one came from
 * ({@code If-Range}, {@code If-Match}, size), so bytes of two versions are never spliced. It never
 * returns short or foreign data.
 *
 * <p>When the limit is reached the read fails with {@link IntegrityException} if the last answer
 * ended early (its body returned -1 or threw {@link EOFException} before its {@link Body#end()}),
 * else with {@link BackendUnavailableException}; both name the byte. A
 * {@link BackendUnavailableException} from the opener counts as a break too; any other
 * {@link StoreException} (the object changed or is gone, a malformed answer) ends the read at once.
 *
 * <p>An answer may start before the position asked for (a server that ignored the range): its
 * bytes up to the position are skipped. It may end before {@code end} (a server that sent fewer
 * bytes than asked for): it is read to its end and the rest asked for, which is not a break. An
 * interrupt of the reading thread aborts the answer and ends the read with
 * {@link OperationInterruptedException}, without resuming. Closing before the end aborts the
 * answer instead of draining it; reads after {@link #close()} fail with a {@link StoreException}.
 *
 * <p>Not safe for concurrent reads; {@link #close()} may come from another thread.
 */
public final class ResumingInputStream extends InputStream {
    /** One answer's body: bytes {@code [start(), end())} of the object, from one connection. */
    public interface Body {
        /** {@return where in the object the first byte of this body lies} */
        long start();

        /** {@return where in the object the byte after the last one of this body lies} */
        long end();

        /**
         * Reads as {@link InputStream#read(byte[], int, int)}. Ending before {@link #end()} is
         * either -1 or an {@link EOFException}; both are an early end.
         *
         * @param buffer where the bytes go
         * @param offset where in {@code buffer}
         * @param length the most bytes to read
         * @return the bytes read, or -1 at the end of the body
         * @throws IOException if the body broke
         */
        int read(byte[] buffer, int offset, int length) throws IOException;

        /**
         * Called once every byte up to {@link #end()} has been read: gives the connection back and
         * may check what the backend sends after the last byte (a checksum, nothing more).
         *
         * @throws StoreException when that check fails; the read fails with it
         */
        void finish() throws StoreException;

        /** Drops the connection without reading the rest of the body; never throws. */
        void abort();
    }

    /** How the backend is asked again. */
    @FunctionalInterface
    public interface Opener {
        /**
         * Asks for the bytes from {@code position} up to {@code end} (exclusive) of the version of
         * the object the first body came from.
         *
         * @param position the first byte wanted
         * @param end the byte after the last one wanted
         * @return a body holding the byte at {@code position}: {@code start() <= position < end()}
         * @throws IntegrityException when the object is no longer that version
         * @throws BackendUnavailableException when the backend cannot be reached now (a break)
         */
        Body open(long position, long end) throws IOException;
    }

    /** How many times a broken read is resumed before it fails. */
    public static final class Limit {
        private final int resumes;
        private final boolean inARowOnly;

        private Limit(int resumes, boolean inARowOnly) {
            if (resumes < 0) {
                throw new IllegalArgumentException("resumes must not be negative: " + resumes);
            }
            this.resumes = resumes;
            this.inARowOnly = inARowOnly;
        }

        /**
         * At most {@code resumes} breaks in a row without a byte read between them: a read whose
         * every answer delivers something goes on to the end, however often it breaks.
         *
         * @param resumes the most resumes in a row without progress
         * @return the limit
         */
        public static Limit inARowWithoutProgress(int resumes) {
            return new Limit(resumes, true);
        }

        /**
         * At most {@code resumes} resumes for the whole read.
         *
         * @param resumes the most resumes
         * @return the limit
         */
        public static Limit inAll(int resumes) {
            return new Limit(resumes, false);
        }

        private int count(int breaksInARow, int breaks) {
            return inARowOnly ? breaksInARow : breaks;
        }

        @Override
        public String toString() {
            return resumes + (inARowOnly ? " resumes in a row without progress" : " resumes in all");
        }
    }

    private final String subject;
    private final Opener opener;
    private final long end;
    private final Limit limit;
    private final Backoff backoff;
    private Body body;
    private long bodyPosition;
    private long position;
    private int breaksInARow;
    private int breaks;
    private volatile boolean closed;

    /**
     * A stream over {@code first} that resumes from the byte where a body broke.
     *
     * @param subject the object, for messages (a redacted location: it must hold no secret)
     * @param opener asks the backend again
     * @param first the first answer, holding the byte at {@code position} unless {@code position == end}
     * @param position the first byte the stream returns
     * @param end the byte after the last one it returns
     * @param limit how many resumes it makes
     * @param backoff the pause before each resume
     * @throws IllegalArgumentException unless {@code 0 <= position <= end} and {@code first} holds
     *     the byte at {@code position}
     */
    public ResumingInputStream(String subject, Opener opener, Body first, long position, long end, Limit limit,
            Backoff backoff) {
        this.subject = requireNonNull(subject, "subject is null");
        this.opener = requireNonNull(opener, "opener is null");
        this.body = requireNonNull(first, "first is null");
        this.limit = requireNonNull(limit, "limit is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        if (position < 0 || end < position) {
            throw new IllegalArgumentException("Invalid read of " + subject + " from " + position + " to " + end);
        }
        if (position < end && !holds(first, position)) {
            throw new IllegalArgumentException("The first answer for " + subject + " holds bytes " + first.start()
                    + " to " + first.end() + ", not byte " + position);
        }
        this.bodyPosition = first.start();
        this.position = position;
        this.end = end;
    }

    @Override
    public int read() throws IOException {
        return SingleByteRead.of(this);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (closed) {
            throw closedStream(null);
        }
        if (length == 0) {
            return 0;
        }
        if (Thread.currentThread().isInterrupted()) {
            // a blocking socket read does not react to an interrupt: look for one before each read
            OperationInterruptedException interrupted = interruptedRead(null);
            drop(interrupted);
            throw interrupted;
        }
        while (position < end) {
            Exception broke;
            try {
                Body current = currentBody();
                if (bodyPosition >= current.end()) {
                    finishBody(); // a shorter answer than asked for, read to its end: ask for the rest
                    continue;
                }
                skipToPosition(current, buffer, offset, length);
                int n = current.read(buffer, offset, (int) Math.min(length, Math.min(end, current.end()) - position));
                if (n < 0) {
                    throw new EOFException("the answer ended at byte " + bodyPosition + " of bytes up to " + current.end());
                }
                position += n;
                bodyPosition += n;
                if (n > 0) {
                    breaksInARow = 0;
                }
                if (position == end) {
                    release();
                }
                return n;
            } catch (BackendUnavailableException e) {
                broke = e;
            } catch (StoreException e) {
                drop(e);
                throw e;
            } catch (InterruptedIOException e) {
                if (!(e instanceof SocketTimeoutException)) {
                    drop(e);
                    throw interruptedRead(e);
                }
                broke = e;
            } catch (IOException | RuntimeException e) {
                broke = e;
            }
            drop(broke);
            if (closed) {
                throw closedStream(broke);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw interruptedRead(broke);
            }
            onBreak(broke);
        }
        release();
        return -1;
    }

    private Body currentBody() throws IOException {
        if (body != null) {
            return body;
        }
        Body opened = requireNonNull(opener.open(position, end), "the opener answered null");
        if (closed) {
            opened.abort();
            throw closedStream(null);
        }
        if (!holds(opened, position)) {
            opened.abort();
            throw new MalformedResponseException("The answer to a read of " + subject + " from byte " + position
                    + " holds bytes " + opened.start() + " to " + opened.end());
        }
        body = opened;
        bodyPosition = opened.start();
        return opened;
    }

    private static boolean holds(Body body, long position) {
        return body.start() <= position && position < body.end();
    }

    /** Drops the bytes of an answer that lie before the position wanted, through the caller's buffer. */
    private void skipToPosition(Body current, byte[] buffer, int offset, int length) throws IOException {
        while (bodyPosition < position) {
            int n = current.read(buffer, offset, (int) Math.min(length, position - bodyPosition));
            if (n < 0) {
                throw new EOFException("the answer ended at byte " + bodyPosition + " while skipping to byte " + position);
            }
            bodyPosition += n;
        }
    }

    private void onBreak(Exception cause) throws StoreException {
        breaksInARow++;
        breaks++;
        int counted = limit.count(breaksInARow, breaks);
        if (counted > limit.resumes) {
            String where = "at byte " + position + " (before " + end + ")";
            String resumed = limit.resumes + " resumed read(s) did not finish it";
            if (cause instanceof EOFException) {
                throw new IntegrityException("Truncated body of " + subject + ": the answers kept ending early, " + where
                        + ", and " + resumed, cause);
            }
            throw new BackendUnavailableException("Reading " + subject + " broke " + where + " and " + resumed + ": "
                    + describe(cause), cause);
        }
        backoff.pause(counted - 1, Duration.ZERO, "waiting to resume reading " + subject);
    }

    /** At the end of the read: the body goes back when it was read to its end, else it is aborted. */
    private void release() throws StoreException {
        if (body != null && bodyPosition >= body.end()) {
            finishBody();
        } else {
            drop(null);
        }
    }

    private void finishBody() throws StoreException {
        Body finished = body;
        body = null;
        finished.finish();
    }

    private void drop(Exception cause) {
        Body dropped = body;
        body = null;
        if (dropped == null) {
            return;
        }
        try {
            dropped.abort();
        } catch (RuntimeException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }

    private StoreException closedStream(Throwable cause) {
        return new StoreException("Stream of " + subject + " is closed", cause);
    }

    private OperationInterruptedException interruptedRead(Throwable cause) {
        return Interruptions.interrupted("Interrupted while reading " + subject, cause);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            drop(null);
        }
    }
}
