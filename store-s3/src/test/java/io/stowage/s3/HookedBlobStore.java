package io.stowage.s3;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * S3Proxy's blob store with a hook around the calls that write: a test can hold a call, run
 * something after the server did its work and before it answers (cut the connection: a lost
 * answer), or fail it with an S3 error, which S3Proxy sends as the answer. Every hooked call is
 * logged as {@code "<CALL> started"} and then {@code "<CALL> ok"} or {@code "<CALL> failed"}, in
 * the order the server saw them.
 */
final class HookedBlobStore extends ForwardingBlobStore {
    /** The calls a hook sees. */
    enum Call { PUT, CREATE_UPLOAD, UPLOAD_PART, COMPLETE_UPLOAD, ABORT_UPLOAD }

    /** Runs around a call; {@code proceed} does what the server would have done and returns its answer. */
    @FunctionalInterface
    interface Hook {
        Object around(Call call, String key, Supplier<Object> proceed);
    }

    private static final Hook PASS = (call, key, proceed) -> proceed.get();

    private final List<String> log = new CopyOnWriteArrayList<>();
    private volatile Hook hook = PASS;

    private HookedBlobStore(BlobStore delegate) {
        super(delegate);
    }

    /** Hooks around S3Proxy's in-memory blob store. */
    static HookedBlobStore inMemory() {
        return new HookedBlobStore(new org.gaul.s3proxy.nio2blob.TransientNio2BlobStore());
    }

    /** Puts {@code around} around every hooked call from now on. */
    void hook(Hook around) {
        hook = around;
    }

    /** Removes the hook and clears the log. */
    void pass() {
        hook = PASS;
        log.clear();
    }

    /** The calls seen so far, in order. */
    List<String> log() {
        return List.copyOf(log);
    }

    boolean saw(String entry) {
        return log.contains(entry);
    }

    /**
     * Waits until every hooked call that started has ended (a held call may still be running on
     * the server after the client gave up on it); fails after {@code timeout}.
     */
    void awaitIdle(java.time.Duration timeout) {
        S3StoreFaultTest.await(() -> {
            List<String> now = log();
            return now.stream().filter(entry -> entry.endsWith(" started")).count()
                    == now.stream().filter(entry -> !entry.endsWith(" started")).count();
        }, timeout);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream data) {
        return run(Call.PUT, request.key(), () -> super.putBlob(request, data));
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        return run(Call.CREATE_UPLOAD, request.key(), () -> super.initiateMultipartUpload(request));
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request, InputStream data) {
        return run(Call.UPLOAD_PART, upload.blobName(), () -> super.uploadMultipartPart(upload, request, data));
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        return run(Call.COMPLETE_UPLOAD, upload.blobName(), () -> super.completeMultipartUpload(upload, request));
    }

    @Override
    public void abortMultipartUpload(MultipartUpload upload) {
        run(Call.ABORT_UPLOAD, upload.blobName(), () -> {
            super.abortMultipartUpload(upload);
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private <T> T run(Call call, String key, Supplier<T> proceed) {
        log.add(call + " started");
        boolean ok = false;
        try {
            T answer = (T) hook.around(call, key, () -> proceed.get());
            ok = true;
            return answer;
        } finally {
            log.add(call + (ok ? " ok" : " failed"));
        }
    }
}
