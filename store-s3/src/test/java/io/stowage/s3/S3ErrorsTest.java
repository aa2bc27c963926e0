package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.PermissionDeniedException;
import io.stowage.BackendUnavailableException;
import io.stowage.NotSupportedException;
import io.stowage.ObjectNotFoundException;
import io.stowage.StoreException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** How SDK failures map to the Stowage error family, with messages that name the object and hold no request text. */
class S3ErrorsTest {
    private static final S3Address OBJECT = new S3Address("images", "glance/abc");

    private static S3Exception answer(int status, String code) {
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .message("X-Amz-Credential=AKIASECRET/20261122/us-east-1/s3/aws4_request")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code)
                        .errorMessage("X-Amz-Credential=AKIASECRET/20261122/us-east-1/s3/aws4_request").build())
                .build();
    }

    @Test
    void mapsStatusesToTheFamily() {
        assertThat(S3Errors.translate(answer(404, "NoSuchKey"), "read", OBJECT))
                .isInstanceOf(ObjectNotFoundException.class).hasMessage("Object not found: s3://images/glance/abc");
        assertThat(S3Errors.translate(answer(404, "NoSuchBucket"), "read", OBJECT))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessage("Object not found: s3://images/glance/abc (the bucket does not exist)");
        assertThat(S3Errors.translate(answer(403, "AccessDenied"), "delete", OBJECT))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessage("Access denied: cannot delete s3://images/glance/abc (S3 answered HTTP 403 AccessDenied)");
        assertThat(S3Errors.translate(answer(503, "SlowDown"), "add", OBJECT))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("Cannot add s3://images/glance/abc: the S3 service kept failing after retries"
                        + " (S3 answered HTTP 503 SlowDown)");
        assertThat(S3Errors.translate(answer(429, "TooManyRequests"), "add", OBJECT))
                .isInstanceOf(BackendUnavailableException.class);
        assertThat(S3Errors.translate(answer(501, "NotImplemented"), "add", OBJECT))
                .isInstanceOf(NotSupportedException.class);
        IOException other = S3Errors.translate(answer(400, "InvalidArgument"), "add", OBJECT);
        assertThat(other.getClass()).isEqualTo(StoreException.class);
        assertThat(other).hasMessage("Cannot add s3://images/glance/abc: S3 answered HTTP 400 InvalidArgument");
    }

    @Test
    void aFailureWithoutAnAnswerIsBackendUnavailable() {
        SdkClientException refused = SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused")).build();

        assertThat(S3Errors.translate(refused, "read", OBJECT))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("Cannot read s3://images/glance/abc: the S3 service is unavailable"
                        + " (SdkClientException caused by ConnectException)");
    }

    @Test
    void messagesNeverRepeatTheServiceText() {
        for (int status : new int[] {400, 403, 404, 500, 501}) {
            assertThat(S3Errors.translate(answer(status, "Code"), "read", OBJECT).getMessage()).doesNotContain("AKIASECRET");
        }
    }
}
