package io.stowage.tck.source;

import static java.util.Objects.requireNonNull;

import io.stowage.support.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.function.Supplier;

/** Sources that behave the way real callers' streams do: short reads, zero-length reads, failures. */
public final class Sources {
    private Sources() {}

    /**
     * Each read returns between 1 and {@code maxChunk} bytes, chosen by {@code random}.
     *
     * @param source the data
     * @param random chooses the read sizes
     * @param maxChunk the most bytes a read returns
     * @return the source
     */
    public static InputStream shortReads(InputStream source, Random random, int maxChunk) {
        requireNonNull(random, "random is null");
        if (maxChunk < 1) {
            throw new IllegalArgumentException("maxChunk must be positive: " + maxChunk);
        }
        return new ChunkingInputStream(source, () -> 1 + random.nextInt(maxChunk));
    }

    /**
     * Every read returns exactly the next size of {@code chunkSizes} (cycled), fewer only at
     * the end of data; a size of 0 makes that read return 0 without being the end.
     *
     * @param source the data
     * @param chunkSizes the size of each read, cycled; 0 for a read that returns 0 bytes
     * @return the source
     */
    public static InputStream chunked(InputStream source, int... chunkSizes) {
        if (chunkSizes.length == 0) {
            throw new IllegalArgumentException("no chunk sizes");
        }
        int[] sizes = chunkSizes.clone();
        for (int size : sizes) {
            if (size < 0) {
                throw new IllegalArgumentException("chunk sizes must not be negative: " + size);
            }
        }
        if (java.util.Arrays.stream(sizes).allMatch(size -> size == 0)) {
            throw new IllegalArgumentException("at least one chunk size must be positive");
        }
        int[] next = {0};
        return new ChunkingInputStream(source, () -> sizes[next[0]++ % sizes.length]);
    }

    /**
     * Every other read returns 0 bytes (a legal if unusual answer of a non-blocking source); the rest are short.
     *
     * @param source the data
     * @param random chooses the read sizes
     * @param maxChunk the most bytes a read returns
     * @return the source
     */
    public static InputStream zeroLengthReads(InputStream source, Random random, int maxChunk) {
        requireNonNull(random, "random is null");
        boolean[] zero = {true};
        return new ChunkingInputStream(source, () -> {
            zero[0] = !zero[0];
            return zero[0] ? 0 : 1 + random.nextInt(maxChunk);
        });
    }

    /**
     * Returns {@code failAfter} bytes of {@code source}, then every read throws what {@code failure} supplies.
     *
     * @param source the data
     * @param failAfter the bytes returned before the failure
     * @param failure supplies what the failing read throws
     * @return the failing source
     */
    public static InputStream failingAfter(InputStream source, long failAfter, Supplier<? extends Exception> failure) {
        return new FailingInputStream(source, failAfter, failure);
    }

    /**
     * Returns {@code failAfter} bytes of {@code source}, then every read throws an {@link IOException}.
     *
     * @param source the data
     * @param failAfter the bytes returned before the failure
     * @return the failing source
     */
    public static InputStream failingAfter(InputStream source, long failAfter) {
        return failingAfter(source, failAfter, () -> new IOException("injected source failure after " + failAfter + " bytes"));
    }

    /**
     * Returns the bytes of {@code source} unchanged and runs {@code action} once, right before
     * the read that goes past byte {@code after} (a fault injected at a chosen point of an
     * upload, e.g. cutting the connections that carry it).
     *
     * @param source the data
     * @param after the byte before whose read the action runs
     * @param action what to run
     * @return the source
     */
    public static InputStream actingAfter(InputStream source, long after, Runnable action) {
        return new ActingInputStream(source, after, action);
    }

    /**
     * Returns the bytes of {@code source} unchanged and runs {@code action} once, when the
     * source first reaches its end, before that end is returned (an add held at the moment
     * it has all of its data and has published nothing).
     *
     * @param source the data
     * @param action what to run
     * @return the source
     */
    public static InputStream actingAtEnd(InputStream source, Runnable action) {
        return new AtEndInputStream(source, action);
    }

    /**
     * Returns every byte of {@code source} unchanged, then throws what {@code failure} supplies from
     * the read that would have returned the end (-1), and from every read after it: data that is
     * all there and still fails, as the contract decorator's verification fails a source that is
     * shorter than declared or has another checksum.
     *
     * @param source the data
     * @param failure what the last read throws: an {@link IOException} (a {@code StoreException}
     *     among them) or an unchecked exception
     * @return the source
     */
    public static InputStream failingAtEnd(InputStream source, Supplier<? extends Exception> failure) {
        return new AtEndInputStream(source, () -> { }) {
            @Override
            int atEnd(int result) throws IOException {
                if (result < 0) {
                    Exception e = failure.get();
                    if (e instanceof IOException io) {
                        throw io;
                    }
                    if (e instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IOException(e);
                }
                return result;
            }
        };
    }

    /**
     * Counts what is read and whether the stream was closed.
     *
     * @param source the data
     * @return the tracking source
     */
    public static TrackedInputStream tracked(InputStream source) {
        return new TrackedInputStream(source);
    }

    private static final class FailingInputStream extends InputStream {
        private final InputStream source;
        private final long failAfter;
        private final Supplier<? extends Exception> failure;
        private long position;

        FailingInputStream(InputStream source, long failAfter, Supplier<? extends Exception> failure) {
            this.source = requireNonNull(source, "source is null");
            this.failure = requireNonNull(failure, "failure is null");
            if (failAfter < 0) {
                throw new IllegalArgumentException("failAfter must not be negative: " + failAfter);
            }
            this.failAfter = failAfter;
        }

        @Override
        public int read() throws IOException {
            return SingleByteRead.of(this);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (position >= failAfter) {
                throw fail();
            }
            int n = source.read(buffer, offset, (int) Math.min(length, failAfter - position));
            if (n > 0) {
                position += n;
            }
            return n;
        }

        private IOException fail() {
            Exception e = failure.get();
            if (e instanceof IOException io) {
                return io;
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            return new IOException(e);
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    private static final class ActingInputStream extends InputStream {
        private final InputStream source;
        private final long after;
        private final Runnable action;
        private long position;
        private boolean acted;

        ActingInputStream(InputStream source, long after, Runnable action) {
            this.source = requireNonNull(source, "source is null");
            this.action = requireNonNull(action, "action is null");
            if (after < 0) {
                throw new IllegalArgumentException("after must not be negative: " + after);
            }
            this.after = after;
        }

        @Override
        public int read() throws IOException {
            return SingleByteRead.of(this);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!acted && position >= after) {
                acted = true;
                action.run();
            }
            int limit = acted ? length : (int) Math.min(length, after - position);
            int n = source.read(buffer, offset, limit);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    private static class AtEndInputStream extends java.io.FilterInputStream {
        private final Runnable action;
        private boolean acted;

        AtEndInputStream(InputStream source, Runnable action) {
            super(requireNonNull(source, "source is null"));
            this.action = requireNonNull(action, "action is null");
        }

        @Override
        public int read() throws IOException {
            return atEnd(in.read());
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return atEnd(in.read(buffer, offset, length));
        }

        int atEnd(int result) throws IOException {
            if (result < 0 && !acted) {
                acted = true;
                action.run();
            }
            return result;
        }
    }
}
