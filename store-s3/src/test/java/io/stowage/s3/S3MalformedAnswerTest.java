package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.ByteRange;
import io.stowage.IntegrityException;
import io.stowage.Location;
import io.stowage.MalformedResponseException;
import io.stowage.Store;
import io.stowage.download.DownloadHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers no S3 service should send, from a {@link CannedS3Server} in front of the real SDK: the
 * store and the download handler report them as a {@link MalformedResponseException} (an
 * {@link IntegrityException}, as the http store does), never as a NullPointerException or an
 * IllegalArgumentException.
 */
class S3MalformedAnswerTest {
    private static final Location OBJECT = Location.of(java.net.URI.create("s3://" + CannedS3Server.BUCKET + "/obj"));

    private CannedS3Server server;
    private Store store;

    @BeforeEach
    void start() throws Exception {
        server = CannedS3Server.start();
        store = new S3StoreProvider().create("canned", server.config().build());
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
        server.close();
    }

    @Test
    void aHeadWithoutContentLengthIsMalformedForSize() {
        server.answer("HEAD /canned/obj", "HTTP/1.1 200 OK\r\nETag: \"abc\"\r\n", "");

        Throwable failure = catchThrowable(() -> store.size(OBJECT));

        assertThat(failure).isInstanceOf(MalformedResponseException.class)
                .hasMessage("S3 answered the HEAD of s3://canned/obj without a Content-Length");
    }

    @Test
    void aHeadWithoutContentLengthIsMalformedForAnEmptyRead() {
        server.answer("HEAD /canned/obj", "HTTP/1.1 200 OK\r\nETag: \"abc\"\r\n", "");

        assertThat(catchThrowable(() -> store.get(OBJECT, ByteRange.of(0, 0))))
                .isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void anUnreadableContentRangeIsMalformed() {
        server.answer("GET /canned/obj", "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes ten-twenty/100\r\n"
                + "Content-Length: 11\r\n", "hello world");

        Throwable failure = catchThrowable(() -> store.get(OBJECT, ByteRange.of(10, 11)));

        assertThat(failure).isInstanceOf(MalformedResponseException.class)
                .hasMessage("S3 answered a read of s3://canned/obj with an unreadable Content-Range: \"bytes ten-twenty/100\"");
    }

    @Test
    void anInconsistentContentRangeIsMalformed() {
        server.answer("GET /canned/obj", "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 20-10/100\r\n"
                + "Content-Length: 11\r\n", "hello world");

        assertThat(catchThrowable(() -> store.get(OBJECT, ByteRange.of(10, 11))))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessage("S3 answered a read of s3://canned/obj with an inconsistent Content-Range: \"bytes 20-10/100\"");
    }

    @Test
    void theDownloadHandlerReportsAHeadWithoutContentLengthAsMalformed(@TempDir Path dir) throws Exception {
        server.answer("HEAD /canned/obj", "HTTP/1.1 200 OK\r\nETag: \"abc\"\r\n", "");
        Path target = Files.createFile(dir.resolve("target"));
        try (DownloadHandler handler = new S3DownloadHandlerProvider().create(S3DownloadHandlerConfig.builder()
                .region("us-east-1").endpoint(server.endpoint().toString()).pathStyle()
                .credentials("AKCANNED", "canned-secret").retries(0).build())) {
            assertThat(catchThrowable(() -> handler.download(OBJECT, target)))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessage("S3 answered the HEAD of s3://canned/obj without a Content-Length");
        }
    }
}
