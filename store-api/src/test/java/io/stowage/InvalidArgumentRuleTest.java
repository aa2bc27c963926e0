package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one rule of the package (see {@code package-info.java}): text from outside is refused with
 * the checked error of the family, null included; a value built by code that is invalid is a
 * programming error, {@link NullPointerException} or {@link IllegalArgumentException}.
 */
class InvalidArgumentRuleTest {
    private static final String SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @Test
    void textFromOutsideIsRefusedWithTheCheckedErrorOfItsKind() {
        assertThatThrownBy(() -> ObjectId.of("../x")).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> ObjectId.of(null)).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> Location.parse("no scheme")).isInstanceOf(InvalidLocationException.class);
        assertThatThrownBy(() -> Location.parse(null)).isInstanceOf(InvalidLocationException.class);
        assertThatThrownBy(() -> Location.parse("s3://b/k", null)).isInstanceOf(InvalidLocationException.class);
        assertThatThrownBy(() -> Checksum.parse("sha256:abc")).isInstanceOf(InvalidChecksumException.class)
                .hasMessage("Invalid checksum \"sha256:abc\": not a sha256 digest (expected 64 hex digits)");
        assertThatThrownBy(() -> Checksum.parse("crc32:abcd")).isInstanceOf(InvalidChecksumException.class)
                .hasMessage("Unknown checksum algorithm \"crc32\" (known: md5, sha256, sha512)");
        assertThatThrownBy(() -> Checksum.parse(SHA256)).isInstanceOf(InvalidChecksumException.class)
                .hasMessageStartingWith("Invalid checksum \"2cf24dba").hasMessageEndingWith(": expected ALGORITHM:HEX, e.g. sha256:9f86d0...");
        assertThatThrownBy(() -> Checksum.parse(null)).isInstanceOf(InvalidChecksumException.class);
        assertThatThrownBy(() -> ChecksumAlgorithm.fromId("crc")).isInstanceOf(InvalidChecksumException.class);
        assertThatThrownBy(() -> ChecksumAlgorithm.fromId(null)).isInstanceOf(InvalidChecksumException.class);
    }

    @Test
    void validTextIsRead() throws Exception {
        assertThat(Checksum.parse("SHA256:" + SHA256.toUpperCase())).isEqualTo(new Checksum(ChecksumAlgorithm.SHA256, SHA256));
        assertThat(ChecksumAlgorithm.fromId("SHA-512")).isEqualTo(ChecksumAlgorithm.SHA512);
        assertThat(ObjectId.of("image-1").value()).isEqualTo("image-1");
        assertThat(Location.parse("S3://bucket/key").url()).isEqualTo("s3://bucket/key");
    }

    @Test
    void invalidValuesBuiltByCodeAreProgrammingErrors() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);

        assertThatThrownBy(() -> new Checksum(ChecksumAlgorithm.SHA256, "abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checksum(null, SHA256)).isInstanceOf(NullPointerException.class)
                .hasMessage("algorithm is null");
        assertThatThrownBy(() -> Location.of(URI.create("relative/path"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Location.of(URI.create("s3://key:secret@b/k"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> Location.of(null)).isInstanceOf(NullPointerException.class).hasMessage("uri is null");
        assertThatThrownBy(() -> Location.of(URI.create("s3://b/k"), nullValue)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ByteRange.of(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddOptions.builder().expectedSize(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
