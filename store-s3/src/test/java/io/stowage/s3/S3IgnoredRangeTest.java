package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.ByteRange;
import io.stowage.Location;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.download.DownloadHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that ignores the {@code Range} header and answers with the whole object (200), from a
 * {@link CannedS3Server} in front of the real SDK: a read, a resumed read and each chunk of a
 * download skip to the bytes they asked for, instead of taking the object's first bytes for them.
 */
class S3IgnoredRangeTest {
    private static final Location OBJECT = Location.of(java.net.URI.create("s3://" + CannedS3Server.BUCKET + "/obj"));
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";

    private CannedS3Server server;
    private Store store;

    @BeforeEach
    void start() throws Exception {
        server = CannedS3Server.start();
        store = new S3StoreProvider().create("canned", server.config().retries(1).build());
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
        server.close();
    }

    private static String whole(int length) {
        return "HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\nETag: \"abc\"\r\n";
    }

    @Test
    void aRangeReadAnsweredWithTheWholeObjectGivesTheBytesAskedFor() throws Exception {
        server.answer("GET /canned/obj", whole(26), ALPHABET);

        try (ObjectStream stream = store.get(OBJECT, ByteRange.of(10, 11))) {
            assertThat(new String(stream.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("klmnopqrstu");
            assertThat(stream.objectSize()).isEqualTo(26);
        }
    }

    @Test
    void aReadResumedWithTheWholeObjectGivesTheBytesAskedFor() throws Exception {
        server.answerOnce("GET /canned/obj", "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 10-20/26\r\n"
                + "Content-Length: 11\r\nETag: \"abc\"\r\n", "klmno"); // cut after 5 of 11 bytes
        server.answer("GET /canned/obj", whole(26), ALPHABET);
        ByteArrayOutputStream read = new ByteArrayOutputStream();

        try (ObjectStream stream = store.get(OBJECT, ByteRange.of(10, 11))) {
            int b;
            while ((b = stream.read()) >= 0) {
                read.write(b);
            }
        }

        assertThat(read.toString(StandardCharsets.US_ASCII)).isEqualTo("klmnopqrstu");
    }

    @Test
    void eachChunkOfADownloadAnsweredWithTheWholeObjectIsTheRightPart(@TempDir Path dir) throws Exception {
        String object = letters(150_000);
        server.answer("HEAD /canned/obj", whole(object.length()), "");
        server.answer("GET /canned/obj", whole(object.length()), object);
        Path target = Files.createFile(dir.resolve("target"));

        try (DownloadHandler handler = new S3DownloadHandlerProvider().create(S3DownloadHandlerConfig.builder()
                .region("us-east-1").endpoint(server.endpoint().toString()).pathStyle()
                .credentials("AKCANNED", "canned-secret").concurrency(1).chunkSize(S3DownloadHandlerConfig.MIN_CHUNK_SIZE)
                .retries(0).build())) {
            handler.download(OBJECT, target);
        }

        assertThat(Files.readString(target, StandardCharsets.US_ASCII)).isEqualTo(object);
    }

    private static String letters(int length) {
        Random random = new Random(length);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
