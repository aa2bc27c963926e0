package io.stowage.s3;

import io.stowage.PermissionDeniedException;
import io.stowage.BackendUnavailableException;
import io.stowage.NotSupportedException;
import io.stowage.ObjectNotFoundException;
import io.stowage.OperationInterruptedException;
import io.stowage.StoreException;
import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK failures into the Stowage error family. Messages name the operation and the
 * object (a clean {@code s3://bucket/key}) and the S3 error code; they never hold a credential,
 * a signature or the text of a request.
 */
final class S3Errors {
    static final int NOT_FOUND = 404;
    static final int PRECONDITION_FAILED = 412;
    static final int CONFLICT = 409;
    static final int RANGE_NOT_SATISFIABLE = 416;
    private static final Set<String> TRANSIENT_CODES = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestTimeout", "RequestTimeTooSkewed", "InternalError", "ServiceUnavailable", "OperationAborted");

    private S3Errors() {}

    /** The HTTP status of an S3 error answer, or 0 when the failure happened before any answer. */
    static int status(SdkException e) {
        return e instanceof AwsServiceException service ? service.statusCode() : 0;
    }

    static String code(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return "";
    }

    /**
     * @param action what was attempted, as a verb phrase: "read", "add", "delete"
     * @param subject the object or bucket concerned, safe to print
     */
    static StoreException translate(SdkException e, String action, Object subject) {
        if (isInterruption(e)) {
            return interrupted(action, subject, e);
        }
        if (!(e instanceof AwsServiceException)) {
            return new BackendUnavailableException("Cannot " + action + " " + subject + ": the S3 service is unavailable ("
                    + describeClientFailure(e) + ")", e);
        }
        int status = status(e);
        String code = code(e);
        String answer = "S3 answered HTTP " + status + (code.isEmpty() ? "" : " " + code);
        if (status == NOT_FOUND) {
            String bucketNote = code.equals("NoSuchBucket") ? " (the bucket does not exist)" : "";
            return new ObjectNotFoundException("Object not found: " + subject + bucketNote, e);
        }
        if (status == 403 || status == 401) {
            return new PermissionDeniedException("Access denied: cannot " + action + " " + subject + " (" + answer + ")", e);
        }
        if (status == 501) {
            return new NotSupportedException("Cannot " + action + " " + subject + ": the S3 service does not implement"
                    + " the request (" + answer + ")", e);
        }
        if (status == 429 || status >= 500 || TRANSIENT_CODES.contains(code)) {
            return new BackendUnavailableException("Cannot " + action + " " + subject + ": the S3 service kept failing"
                    + " after retries (" + answer + ")", e);
        }
        return new StoreException("Cannot " + action + " " + subject + ": " + answer, e);
    }

    /**
     * A failure of the SDK or of the code around it: {@link #translate(SdkException, String, Object)}
     * for the SDK's own exceptions, an interruption when the thread is interrupted, else
     * {@link #unexpected}. What a closed client throws ({@code IllegalStateException}) lands here.
     */
    static StoreException translate(RuntimeException e, String action, Object subject) {
        if (e instanceof SdkException sdk) {
            return translate(sdk, action, subject);
        }
        if (isInterruption(e)) {
            return interrupted(action, subject, e);
        }
        return unexpected(action, subject, e);
    }

    /**
     * The error for an operation the calling thread's interrupt stopped; sets the thread's
     * interrupt status again, so that callers up the stack see it.
     */
    static OperationInterruptedException interrupted(String action, Object subject, Throwable cause) {
        Thread.currentThread().interrupt();
        return new OperationInterruptedException("Interrupted while trying to " + action + " " + subject, cause);
    }

    static boolean isInterruption(Throwable e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof AbortedException) {
                return true;
            }
        }
        return false;
    }

    private static String describeClientFailure(SdkException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String name = root.getClass().getSimpleName();
        return root == e ? name : e.getClass().getSimpleName() + " caused by " + name;
    }

    static StoreException unexpected(String action, Object subject, RuntimeException e) {
        return new StoreException("Cannot " + action + " " + subject + ": " + e.getClass().getSimpleName(), e);
    }
}
