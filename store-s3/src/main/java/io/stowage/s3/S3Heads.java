package io.stowage.s3;

import io.stowage.MalformedResponseException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** What a HEAD of an object must say, checked. */
final class S3Heads {
    private S3Heads() {}

    /** The object's size from the answer's Content-Length, which every S3 answer to a HEAD carries. */
    static long size(HeadObjectResponse head, S3Address address) throws MalformedResponseException {
        Long length = head.contentLength();
        if (length == null || length < 0) {
            throw new MalformedResponseException("S3 answered the HEAD of " + address + " without a Content-Length");
        }
        return length;
    }
}
