package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.IntegrityException;
import io.stowage.MalformedResponseException;
import io.stowage.support.ContentRange;
import io.stowage.support.ResumingInputStream;
import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The body of a GET answer: the bytes its {@code Content-Range} names, or the whole object (from
 * byte 0) when the server sent no range. Closing before the end aborts the connection instead of
 * draining it.
 */
final class S3ObjectBody implements ResumingInputStream.Body {
    private final ResponseInputStream<GetObjectResponse> in;
    private final S3Address address;
    private final long start;
    private final long end;
    private final long objectSize;

    private S3ObjectBody(ResponseInputStream<GetObjectResponse> in, S3Address address, long start, long end,
            long objectSize) {
        this.in = in;
        this.address = address;
        this.start = start;
        this.end = end;
        this.objectSize = objectSize;
    }

    /**
     * The answer to a read from {@code position}, checked: a range must start there, a whole object
     * (a server that ignored the range) is read from byte 0. Aborts the answer when it is refused.
     *
     * @throws MalformedResponseException when the answer cannot be the bytes asked for
     */
    static S3ObjectBody of(ResponseInputStream<GetObjectResponse> in, S3Address address, long position)
            throws MalformedResponseException {
        requireNonNull(in, "in is null");
        requireNonNull(address, "address is null");
        try {
            GetObjectResponse response = in.response();
            String answer = "S3 answered a read of " + address;
            Optional<ContentRange> served = ContentRange.parse(response.contentRange(), answer);
            if (served.isEmpty()) {
                Long length = response.contentLength();
                if (length == null || length < 0) {
                    throw new MalformedResponseException(answer + " without a Content-Length");
                }
                return new S3ObjectBody(in, address, 0, length, length);
            }
            ContentRange range = served.get();
            if (range.first() != position) {
                throw new MalformedResponseException("Cannot read " + address + ": S3 served bytes from " + range.first()
                        + " for a read from " + position);
            }
            long size = range.total().orElseThrow(() -> new MalformedResponseException(answer
                    + " with a Content-Range without the object's size: " + response.contentRange()));
            return new S3ObjectBody(in, address, range.first(), range.last() + 1, size);
        } catch (MalformedResponseException | RuntimeException e) {
            discard(in);
            throw e;
        }
    }

    /** The size of the whole object, as the answer gives it. */
    long objectSize() {
        return objectSize;
    }

    /** The ETag of the object the answer came from, when the server sent one. */
    Optional<String> eTag() {
        return Optional.ofNullable(in.response().eTag());
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
        return in.read(buffer, offset, length);
    }

    /**
     * Reads past the last byte: the SDK checks the object's checksum at the end of a whole object
     * (in the {@code sdk-default} checksum mode), and a server that sends more than it said is
     * caught. The bytes already count as read, so a failure of the connection here changes nothing.
     */
    @Override
    public void finish() throws IntegrityException {
        int extra;
        try {
            extra = in.read();
        } catch (SdkException e) {
            discard(in);
            throw new IntegrityException("The data S3 returned for " + address + " failed its checksum check", e);
        } catch (IOException | RuntimeException e) {
            discard(in);
            return; // every byte arrived; the connection is dropped with the body
        }
        if (extra >= 0) {
            discard(in);
            throw new IntegrityException("S3 sent bytes past offset " + end + " of " + address);
        }
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            // read to its end: nothing is lost with the connection
        }
    }

    @Override
    public void abort() {
        discard(in);
    }

    /** Drops the answer without draining its connection. */
    static void discard(ResponseInputStream<GetObjectResponse> in) {
        try {
            in.abort();
            in.close();
        } catch (IOException | RuntimeException e) {
            // the connection is gone either way
        }
    }
}
