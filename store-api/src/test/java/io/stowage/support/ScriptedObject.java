package io.stowage.support;

import io.stowage.StoreException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * A hand-written backend for {@link ResumingInputStream}: an object whose answers behave as a
 * test scripts them (ignore the range, end short, break after some bytes in one of the ways a
 * connection breaks, or fail to open), and a record of what the stream asked for and released.
 * Without a script, an answer holds exactly the bytes asked for.
 */
final class ScriptedObject implements ResumingInputStream.Opener {
    /** How an answer's body breaks. */
    enum Break {
        NONE, CUT, EARLY_END, EOF, TIMEOUT, INTERRUPTED_IO, INTERRUPT_THEN_CUT, RUNTIME
    }

    /**
     * One answer: whether it ignores the range (then it holds the whole object), how many bytes
     * before the end asked for it stops (it always holds the first byte asked for), after how
     * many bytes of its own it breaks and how, and what its {@code finish()} throws.
     */
    record Answer(boolean ignoresRange, long shortBy, long breakAfter, Break how, StoreException finishFailure) {
        static Answer clean() {
            return new Answer(false, 0, Long.MAX_VALUE, Break.NONE, null);
        }

        static Answer breaking(long after, Break how) {
            return new Answer(false, 0, after, how, null);
        }

        Answer ignoringRange() {
            return new Answer(true, shortBy, breakAfter, how, finishFailure);
        }

        Answer endingShortBy(long bytes) {
            return new Answer(ignoresRange, bytes, breakAfter, how, finishFailure);
        }

        Answer failingToFinish(StoreException failure) {
            return new Answer(ignoresRange, shortBy, breakAfter, how, failure);
        }
    }

    final byte[] data;
    /** Every {@code open(position, end)}, as "position-end". */
    final List<String> requests = new ArrayList<>();
    /** Every body handed out, in order. */
    final List<ScriptedBody> bodies = new ArrayList<>();
    /** Every break that happened, in order. */
    final List<Break> breaks = new ArrayList<>();
    private final Deque<Object> script = new ArrayDeque<>();

    ScriptedObject(int size, long seed) {
        data = new byte[size];
        new Random(seed).nextBytes(data);
    }

    /** The next answer behaves so. */
    ScriptedObject then(Answer answer) {
        script.add(answer);
        return this;
    }

    /** The next open fails so. */
    ScriptedObject thenFails(IOException failure) {
        script.add(failure);
        return this;
    }

    @Override
    public ScriptedBody open(long position, long end) throws IOException {
        requests.add(position + "-" + end);
        Object next = script.isEmpty() ? Answer.clean() : script.poll();
        if (next instanceof IOException failure) {
            throw failure;
        }
        Answer answer = (Answer) next;
        long start = answer.ignoresRange() ? 0 : position;
        long bodyEnd = answer.ignoresRange() ? data.length : Math.max(Math.min(position + 1, end), end - answer.shortBy());
        ScriptedBody body = new ScriptedBody(start, bodyEnd, answer);
        bodies.add(body);
        return body;
    }

    /** The bytes {@code [from, to)} of the object. */
    byte[] slice(long from, long to) {
        return java.util.Arrays.copyOfRange(data, (int) from, (int) to);
    }

    /** Bodies not yet finished or aborted. */
    long unreleased() {
        return bodies.stream().filter(body -> body.releases == 0).count();
    }

    /** One answer's body over the object's bytes. */
    final class ScriptedBody implements ResumingInputStream.Body {
        private final long start;
        private final long end;
        private final long breakAt;
        private final Answer answer;
        private long position;
        int releases;
        boolean finished;
        boolean aborted;

        ScriptedBody(long start, long end, Answer answer) {
            this.start = start;
            this.end = end;
            this.answer = answer;
            this.position = start;
            this.breakAt = answer.breakAfter() >= end - start ? Long.MAX_VALUE : start + answer.breakAfter();
        }

        @Override
        public long start() {
            return start;
        }

        @Override
        public long end() {
            return end;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (releases > 0) {
                throw new AssertionError("read after the body was released"); // an Error: the stream must not take it for a break
            }
            if (position == breakAt) {
                return breakNow();
            }
            if (position >= end) {
                return -1;
            }
            int n = (int) Math.min(length, Math.min(end, breakAt) - position);
            System.arraycopy(data, (int) position, buffer, offset, n);
            position += n;
            return n;
        }

        private int breakNow() throws IOException {
            breaks.add(answer.how());
            switch (answer.how()) {
                case CUT -> throw new IOException("Connection reset by the script");
                case EARLY_END -> {
                    return -1;
                }
                case EOF -> throw new EOFException("Premature end of the body, by the script");
                case TIMEOUT -> throw new SocketTimeoutException("Read timed out, by the script");
                case INTERRUPTED_IO -> throw new InterruptedIOException("Interrupted, by the script");
                case INTERRUPT_THEN_CUT -> {
                    Thread.currentThread().interrupt();
                    throw new IOException("Connection reset after an interrupt, by the script");
                }
                case RUNTIME -> throw new IllegalStateException("Connection pool shut down, by the script");
                default -> throw new AssertionError("no break scripted at " + position);
            }
        }

        @Override
        public void finish() throws StoreException {
            if (position != end) {
                throw new AssertionError("finished at byte " + position + " of a body ending at " + end);
            }
            releases++;
            finished = true;
            if (answer.finishFailure() != null) {
                throw answer.finishFailure();
            }
        }

        @Override
        public void abort() {
            releases++;
            aborted = true;
        }

        @Override
        public String toString() {
            return "body " + start + "-" + end + (finished ? " finished" : "") + (aborted ? " aborted" : "");
        }
    }
}
