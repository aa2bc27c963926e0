package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.IntegrityException;
import io.stowage.support.ResumingInputStream;
import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Opens byte ranges of one version of one object: every GET carries {@code If-Match} on the
 * version's ETag, and an answer for another size is refused, so that a read resumed (or a
 * download fetched in chunks) never splices bytes of two versions.
 */
final class S3RangeOpener implements ResumingInputStream.Opener {
    private final S3Client client;
    private final S3Address address;
    private final Optional<String> eTag;
    private final long objectSize;
    private final String action;

    /**
     * @param eTag the version's ETag (a server that sends none cannot be pinned)
     * @param action what the reads are for, in messages: "read", "download"
     */
    S3RangeOpener(S3Client client, S3Address address, Optional<String> eTag, long objectSize, String action) {
        this.client = requireNonNull(client, "client is null");
        this.address = requireNonNull(address, "address is null");
        this.eTag = requireNonNull(eTag, "eTag is null");
        this.objectSize = objectSize;
        this.action = requireNonNull(action, "action is null");
    }

    @Override
    public S3ObjectBody open(long position, long end) throws IOException {
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = client.getObject(request -> request
                    .bucket(address.bucket())
                    .key(address.key())
                    .range("bytes=" + position + "-" + (end - 1))
                    .ifMatch(eTag.orElse(null)));
        } catch (SdkException e) {
            if (S3Errors.status(e) == S3Errors.PRECONDITION_FAILED) {
                throw changed(position, e);
            }
            throw S3Errors.translate(e, action, address);
        } catch (RuntimeException e) {
            throw S3Errors.translate(e, action, address);
        }
        S3ObjectBody body = S3ObjectBody.of(in, address, position);
        if (body.objectSize() != objectSize) {
            body.abort();
            throw changed(position, null);
        }
        return body;
    }

    private IntegrityException changed(long position, Throwable cause) {
        return new IntegrityException("The object at " + address + " changed while it was read (at byte " + position
                + ")", cause);
    }
}
