package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import io.stowage.BackendUnavailableException;
import io.stowage.IntegrityException;
import io.stowage.ObjectNotFoundException;
import io.stowage.OperationInterruptedException;
import io.stowage.StoreException;
import io.stowage.support.Backoff;
import io.stowage.support.SingleByteRead;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data of an active image read through the API ({@code GET /v2/images/{id}/file}), resumed on
 * the next server when a body breaks (the server died, the connection was cut, a read timed out,
 * the body ended early): the next server is first asked for the image, which must still be the
 * same data (size, {@code checksum}, {@code os_hash_value}), then for the bytes from where the
 * body broke ({@code Range}, answered 206 with the matching {@code Content-Range}). The first
 * whole answer must carry the image's MD5 in {@code Content-MD5} when it sends one. A read fails
 * after {@code retries} breaks in a row without a byte between them; the bytes are never spliced
 * from two different images. What each server delivered is kept ({@link #reads()}).
 */
final class ApiDataStream extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(ApiDataStream.class);

    private final ApiHttp http;
    private final ApiServers servers;
    private final int retries;
    private final Backoff pause;
    private final Image image;
    private final long size;
    private final List<ApiRead> reads = new ArrayList<>();
    private final List<String> breaks = new ArrayList<>();
    private ApiExchange answer;
    private InputStream body;
    private long bodyStart;
    private long position;
    private int breaksInARow;
    private boolean closed;

    ApiDataStream(ApiHttp http, ApiServers servers, int retries, Backoff pause, Image image) {
        this.http = requireNonNull(http, "http is null");
        this.servers = requireNonNull(servers, "servers is null");
        this.retries = retries;
        this.pause = requireNonNull(pause, "pause is null");
        this.image = requireNonNull(image, "image is null");
        this.size = image.size().orElseThrow(() -> new IllegalArgumentException("Image " + image.id() + " has no size"));
    }

    /** What each server delivered so far, in order. */
    List<ApiRead> reads() {
        List<ApiRead> all = new ArrayList<>(reads);
        if (answer != null) {
            all.add(new ApiRead(answer.server(), bodyStart, position - bodyStart));
        }
        return all;
    }

    @Override
    public int read() throws IOException {
        return SingleByteRead.of(this);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (closed) {
            throw new StoreException("The API read of image " + image.id() + " is closed");
        }
        if (length == 0) {
            return 0;
        }
        while (position < size) {
            try {
                InputStream data = currentBody();
                int n = data.read(buffer, offset, (int) Math.min(length, size - position));
                if (n < 0) {
                    throw new EOFException("the body ended at byte " + position + " of " + size);
                }
                position += n;
                breaksInARow = n > 0 ? 0 : breaksInARow;
                if (position == size) {
                    finishBody();
                }
                return n;
            } catch (StoreException e) {
                drop();
                throw e;
            } catch (IOException e) {
                FailureKind kind = FailureKind.of(e);
                drop();
                if (kind == FailureKind.INTERRUPTED) {
                    throw new OperationInterruptedException("Interrupted while reading image " + image.id(), e);
                }
                if (kind == FailureKind.REFUSED) {
                    throw ApiErrors.of("download image " + image.id(), (ApiStatusException) e);
                }
                onBreak(e);
            }
        }
        return -1;
    }

    private InputStream currentBody() throws IOException {
        if (body != null) {
            return body;
        }
        URI server = servers.next();
        if (!reads.isEmpty() || !breaks.isEmpty()) {
            checkSameImage(server);
        }
        ApiRequest request = ApiRequest.of("GET", ImageClient.imagePath(image.id()) + "/file");
        if (position > 0) {
            request.header("Range", "bytes=" + position + "-");
        }
        ApiExchange opened = http.send(server, request);
        try {
            long start = checkAnswer(opened);
            InputStream data = opened.body();
            for (long skip = position - start; skip > 0; ) {
                long skipped = data.skip(skip);
                if (skipped <= 0) {
                    throw new EOFException("the body ended while skipping to byte " + position);
                }
                skip -= skipped;
            }
            answer = opened;
            body = data;
            bodyStart = position;
            return data;
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** Checks the status and headers of a new answer; returns the first byte its body holds. */
    private long checkAnswer(ApiExchange opened) throws IOException {
        switch (opened.status()) {
            case 200 -> {
                long length = contentLength(opened);
                if (length != size) {
                    throw changed(opened.server(), "its data has " + length + " bytes, not " + size);
                }
                Optional<String> md5 = opened.header("Content-MD5");
                if (md5.isPresent() && image.checksum().isPresent() && !md5.get().equalsIgnoreCase(image.checksum().get())) {
                    throw changed(opened.server(), "its data has the MD5 " + md5.get() + ", not " + image.checksum().get());
                }
                return 0;
            }
            case 206 -> {
                String expected = "bytes " + position + "-" + (size - 1) + "/" + size;
                String range = opened.header("Content-Range").orElse("");
                if (!range.equals(expected)) {
                    throw new StoreException("Cannot download image " + image.id() + ": " + opened.server()
                            + " answered the range from byte " + position + " with Content-Range '" + range + "', not '"
                            + expected + "'");
                }
                return position;
            }
            case 204 -> throw new ObjectNotFoundException("Cannot download image " + image.id() + ": " + opened.server()
                    + " says it has no data");
            default -> throw ApiStatusException.of(opened);
        }
    }

    private long contentLength(ApiExchange opened) throws StoreException {
        String value = opened.header("Content-Length").orElse("");
        if (!value.matches("\\d{1,18}")) {
            throw new StoreException("Cannot download image " + image.id() + ": " + opened.server()
                    + " answered without a valid Content-Length");
        }
        return Long.parseLong(value);
    }

    /** Asks {@code server} for the image and refuses to resume if its data is not the same. */
    private void checkSameImage(URI server) throws IOException {
        Image now;
        try (ApiExchange shown = http.send(server, ApiRequest.of("GET", ImageClient.imagePath(image.id())))) {
            if (shown.status() != 200) {
                throw ApiStatusException.of(shown);
            }
            now = Documents.image(shown, "show image " + image.id());
        }
        if (!now.size().equals(image.size()) || !now.checksum().equals(image.checksum())
                || !now.hashValue().equals(image.hashValue())) {
            throw changed(server, "it now has " + now.size().orElse(-1) + " bytes, checksum " + now.checksum().orElse("none")
                    + " and os_hash_value " + now.hashValue().orElse("none"));
        }
    }

    private IntegrityException changed(URI server, String how) {
        return new IntegrityException("Image " + image.id() + " changed during its download: " + server + " says " + how);
    }

    private void onBreak(IOException cause) throws StoreException {
        String where = FailoverCalls.describe(cause);
        breaks.add(where);
        breaksInARow++;
        if (breaksInARow > retries) {
            throw new BackendUnavailableException("Cannot download image " + image.id() + ": reading it broke at byte "
                    + position + " of " + size + " and " + retries + " resumed read(s) on the next servers did not go on ("
                    + String.join("; ", breaks.subList(Math.max(0, breaks.size() - retries - 1), breaks.size())) + ")",
                    cause);
        }
        LOG.warn("Reading image {} broke at byte {} of {} ({}); resuming on the next server", image.id(), position, size,
                where);
        pause.pause(breaksInARow - 1, Duration.ZERO, "waiting to resume reading image " + image.id());
    }

    /** Ends the answer that delivered the last byte; its connection goes back to the pool. */
    private void finishBody() {
        ApiExchange finished = answer;
        InputStream data = body;
        reads.add(new ApiRead(finished.server(), bodyStart, position - bodyStart));
        answer = null;
        body = null;
        try {
            data.read(); // the end of the body: the connection can be reused
        } catch (IOException e) {
            // every byte arrived; the connection is dropped instead
        }
        finished.close();
    }

    private void drop() {
        if (answer != null) {
            reads.add(new ApiRead(answer.server(), bodyStart, position - bodyStart));
            answer.close();
        }
        answer = null;
        body = null;
    }

    @Override
    public void close() {
        closed = true;
        drop();
    }
}
