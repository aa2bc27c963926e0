package io.stowage.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The raw SDK baseline of an S3 add: the requests Stowage's upload makes (create, parts with
 * CRC32 uploaded {@code concurrency} at a time from {@code concurrency + 1} part buffers filled
 * on the calling thread, complete), written straight against the SDK: no SHA-256, no size or
 * checksum checks, no duplicate check, no abort on failure, and a conditional completion only
 * when asked ({@link Commit#IF_ABSENT}).
 */
final class RawMultipartUpload {
    /** How the upload is completed. */
    enum Commit {
        /** A plain completion, which replaces an object of the key. */
        ANY,
        /** With {@code If-None-Match: *}, as Stowage completes its uploads (a server may do more work for it). */
        IF_ABSENT
    }

    private RawMultipartUpload() {}

    static long upload(S3Client client, ExecutorService executor, String bucket, String key, InputStream in,
            int partSize, int concurrency) throws IOException, InterruptedException, ExecutionException {
        return upload(client, executor, bucket, key, in, partSize, concurrency, Commit.ANY);
    }

    static long upload(S3Client client, ExecutorService executor, String bucket, String key, InputStream in,
            int partSize, int concurrency, Commit commit) throws IOException, InterruptedException, ExecutionException {
        String uploadId = client.createMultipartUpload(request -> request.bucket(bucket).key(key)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
        BlockingQueue<byte[]> buffers = new ArrayBlockingQueue<>(concurrency + 1);
        for (int i = 0; i <= concurrency; i++) {
            buffers.add(new byte[partSize]);
        }
        List<Future<CompletedPart>> parts = new ArrayList<>();
        long total = 0;
        while (true) {
            byte[] buffer = buffers.take();
            int length = in.readNBytes(buffer, 0, partSize);
            if (length == 0) {
                break;
            }
            total += length;
            int number = parts.size() + 1;
            parts.add(executor.submit(() -> {
                try {
                    UploadPartResponse response = client.uploadPart(request -> request.bucket(bucket).key(key)
                                    .uploadId(uploadId).partNumber(number).contentLength((long) length)
                                    .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                            RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                                    "application/octet-stream"));
                    return CompletedPart.builder().partNumber(number).eTag(response.eTag())
                            .checksumCRC32(response.checksumCRC32()).build();
                } finally {
                    buffers.add(buffer);
                }
            }));
            if (length < partSize) {
                break;
            }
        }
        List<CompletedPart> completed = new ArrayList<>();
        for (Future<CompletedPart> part : parts) {
            completed.add(part.get());
        }
        client.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(completed))
                .ifNoneMatch(commit == Commit.IF_ABSENT ? "*" : null));
        return total;
    }
}
