package io.stowage.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AddOptions;
import io.stowage.Checksum;
import io.stowage.ChecksumAlgorithm;
import io.stowage.IntegrityException;
import io.stowage.ObjectId;
import io.stowage.SizeLimitExceededException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentVerifierTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);
    private static final String HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    private static final String HELLO_MD5 = "5d41402abc4b2a76b9719d911017c592";

    @Test
    void computesTheRequestedChecksumsInOnePass() throws Exception {
        List<Long> progress = new ArrayList<>();
        AddOptions options = AddOptions.builder().checksum(ChecksumAlgorithm.MD5).progress(progress::add).build();
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(HELLO), ContentVerifier.forAdd(ObjectId.of("x"), options));

        in.transferTo(OutputStream.nullOutputStream());

        assertThat(in.result().size()).isEqualTo(5);
        assertThat(in.result().checksums().values()).containsOnlyKeys(ChecksumAlgorithm.MD5, ChecksumAlgorithm.SHA256);
        assertThat(in.result().checksums().sha256()).isEqualTo(HELLO_SHA256);
        assertThat(in.result().checksums().value(ChecksumAlgorithm.MD5)).contains(HELLO_MD5);
        assertThat(progress).last().isEqualTo(5L);
    }

    @Test
    void failsTheEndOfDataOnAChecksumMismatch() throws Exception {
        AddOptions options = AddOptions.builder()
                .expectedChecksum(new Checksum(ChecksumAlgorithm.SHA256, "00".repeat(32))).build();
        InputStream in = new VerifyingInputStream(new ByteArrayInputStream(HELLO), ContentVerifier.forAdd(ObjectId.of("x"), options));

        assertThat(in.read(new byte[5])).isEqualTo(5);
        assertThatThrownBy(() -> in.read(new byte[5]))
                .isInstanceOf(IntegrityException.class)
                .hasMessage("Checksum mismatch for object 'x': expected sha256:" + "00".repeat(32) + ", got sha256:" + HELLO_SHA256);
    }

    @Test
    void failsAsSoonAsTheDataIsLongerThanDeclared() throws Exception {
        AddOptions options = AddOptions.builder().expectedSize(4).build();
        InputStream in = new VerifyingInputStream(new ByteArrayInputStream(HELLO), ContentVerifier.forAdd(ObjectId.of("x"), options));

        assertThatThrownBy(() -> in.read(new byte[5]))
                .isInstanceOf(IntegrityException.class)
                .hasMessage("The data of object 'x' is longer than its declared size of 4 bytes");
    }

    @Test
    void failsTheEndOfDataWhenShorterThanDeclared() throws Exception {
        AddOptions options = AddOptions.builder().expectedSize(6).build();
        InputStream in = new VerifyingInputStream(new ByteArrayInputStream(HELLO), ContentVerifier.forAdd(ObjectId.of("x"), options));

        assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
                .isInstanceOf(IntegrityException.class)
                .hasMessage("The data of object 'x' ended after 5 bytes, short of its declared size of 6 bytes");
    }

    @Test
    void enforcesTheSizeLimitBeforeAndWhileReading() throws Exception {
        assertThatThrownBy(() -> ContentVerifier.forAdd(ObjectId.of("x"), AddOptions.builder().expectedSize(10).sizeLimit(9).build()))
                .isInstanceOf(SizeLimitExceededException.class);
        InputStream in = new VerifyingInputStream(new ByteArrayInputStream(HELLO),
                ContentVerifier.forAdd(ObjectId.of("x"), AddOptions.builder().sizeLimit(4).build()));
        assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
                .isInstanceOf(SizeLimitExceededException.class)
                .hasMessage("The data of object 'x' exceeds the size limit of 4 bytes");
    }

    @Test
    void resultIsOnlyAvailableAtTheEnd() throws Exception {
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(HELLO),
                ContentVerifier.forAdd(ObjectId.of("x"), AddOptions.defaults()));
        in.read();

        assertThat(in.isComplete()).isFalse();
        assertThatThrownBy(in::result).isInstanceOf(IllegalStateException.class);
    }
}
