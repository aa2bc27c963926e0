package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.BackendUnavailableException;
import io.stowage.IntegrityException;
import io.stowage.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The bytes {@code [position, end)} of one S3 object, read from a GET response. When the body
 * breaks (connection cut, read timeout, early end) it asks again from the current offset, at
 * most {@code resumes} times, with {@code If-Match} on the object's ETag so that bytes of two
 * different objects are never spliced. Closing before the end aborts the connection instead of
 * draining it.
 */
final class ResumingObjectInputStream extends InputStream {
    private final S3Client client;
    private final S3Address address;
    private final Optional<String> eTag;
    private final long end;
    private final int resumes;
    private final Runnable onClose;
    private ResponseInputStream<GetObjectResponse> body;
    private long position;
    private int resumed;
    private boolean closed;

    /**
     * @param body the open response, positioned at {@code position}
     * @param eTag the ETag of the object the response belongs to, to pin resumed reads to it
     * @param onClose run once, when the stream is closed
     */
    ResumingObjectInputStream(S3Client client, S3Address address, ResponseInputStream<GetObjectResponse> body,
            Optional<String> eTag, long position, long end, int resumes, Runnable onClose) {
        this.client = requireNonNull(client, "client is null");
        this.address = requireNonNull(address, "address is null");
        this.body = requireNonNull(body, "body is null");
        this.eTag = requireNonNull(eTag, "eTag is null");
        this.position = position;
        this.end = end;
        this.resumes = resumes;
        this.onClose = requireNonNull(onClose, "onClose is null");
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (closed) {
            throw new StoreException("Stream of " + address + " is closed");
        }
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int wanted = (int) Math.min(length, end - position);
        while (true) {
            IOException failure;
            try {
                if (body == null) {
                    body = reopen();
                }
                int n = body.read(buffer, offset, wanted);
                if (n > 0) {
                    position += n;
                    if (position == end) {
                        finishBody();
                    }
                    return n;
                }
                if (n == 0) {
                    continue;
                }
                failure = new IOException("the body ended early");
            } catch (BackendUnavailableException e) {
                failure = e;
            } catch (InterruptedIOException e) {
                if (!(e instanceof java.net.SocketTimeoutException)) {
                    discardBody();
                    throw S3Errors.interrupted("read", address, e);
                }
                failure = e;
            } catch (StoreException e) {
                discardBody();
                throw e;
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    throw new StoreException("Stream of " + address + " is closed", e);
                }
                failure = e instanceof IOException io ? io : new IOException(e);
            }
            discardBody();
            if (Thread.currentThread().isInterrupted()) {
                throw S3Errors.interrupted("read", address, failure);
            }
            if (resumed >= resumes) {
                throw new BackendUnavailableException("Reading " + address + " broke at byte " + position + " (before "
                        + end + ") and " + resumed + " resumed read(s) did not finish it: " + describe(failure), failure);
            }
            resumed++;
        }
    }

    private ResponseInputStream<GetObjectResponse> reopen() throws IOException {
        try {
            return client.getObject(request -> request
                    .bucket(address.bucket())
                    .key(address.key())
                    .range("bytes=" + position + "-" + (end - 1))
                    .ifMatch(eTag.orElse(null)));
        } catch (SdkException e) {
            if (S3Errors.status(e) == S3Errors.PRECONDITION_FAILED) {
                throw new IntegrityException("The object at " + address + " changed while it was read (at byte "
                        + position + ")", e);
            }
            throw S3Errors.translate(e, "resume reading", address);
        } catch (RuntimeException e) {
            throw S3Errors.translate(e, "resume reading", address);
        }
    }

    /**
     * Reads the end of the response once the last wanted byte arrived: the SDK checks the
     * object's checksum there (in the {@code sdk-default} checksum mode), and a server that
     * sends more than was asked is caught. The bytes already count as read, so a failure of the
     * connection at this point changes nothing.
     */
    private void finishBody() throws IntegrityException {
        int extra;
        try {
            extra = body.read();
        } catch (SdkException e) {
            throw new IntegrityException("The data S3 returned for " + address + " failed its checksum check", e);
        } catch (IOException | RuntimeException e) {
            return; // every wanted byte arrived; the connection is dropped with the body
        }
        if (extra >= 0) {
            throw new IntegrityException("S3 sent bytes past offset " + end + " of " + address);
        }
    }

    /** How many times a broken body was reopened. */
    int resumed() {
        return resumed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                discardBody();
            } finally {
                onClose.run();
            }
        }
    }

    /** Drops the current response: aborted when unfinished, so the connection is not drained or reused. */
    private void discardBody() {
        ResponseInputStream<GetObjectResponse> current = body;
        body = null;
        if (current == null) {
            return;
        }
        try {
            if (position < end) {
                current.abort();
            }
            current.close();
        } catch (IOException | RuntimeException e) {
            // the connection is gone either way
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
