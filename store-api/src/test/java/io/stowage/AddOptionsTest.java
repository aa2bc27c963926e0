package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.integrity.ContentVerifier;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddOptionsTest {
    @Test
    void theBuilderComputesSha256ByDefault() {
        assertThat(AddOptions.defaults().checksumAlgorithms()).containsExactly(ChecksumAlgorithm.SHA256);
        assertThat(AddOptions.builder().checksum(ChecksumAlgorithm.MD5).build().checksumAlgorithms())
                .containsExactly(ChecksumAlgorithm.MD5, ChecksumAlgorithm.SHA256);
    }

    @Test
    void theAlgorithmsGivenAreComputedAndNoOther() {
        AddOptions options = AddOptions.builder().onlyChecksums(EnumSet.of(ChecksumAlgorithm.MD5)).build();

        assertThat(options.checksumAlgorithms()).containsExactly(ChecksumAlgorithm.MD5);
    }

    @Test
    void onlyChecksumsDropsTheDefaultAndMayAskForNone() throws Exception {
        AddOptions none = AddOptions.builder().onlyChecksums(Set.of()).build();
        AddOptions sha512 = AddOptions.builder().checksum(ChecksumAlgorithm.MD5).onlyChecksums(Set.of(ChecksumAlgorithm.SHA512)).build();

        assertThat(none.checksumAlgorithms()).isEmpty();
        assertThat(none.toBuilder().build().checksumAlgorithms()).isEmpty();
        assertThat(sha512.checksumAlgorithms()).containsExactly(ChecksumAlgorithm.SHA512);
        ContentVerifier verifier = ContentVerifier.forAdd(ObjectId.of("a"), none);
        byte[] data = "abc".getBytes(StandardCharsets.UTF_8);
        verifier.update(data, 0, data.length);
        assertThat(verifier.finish().checksums().values()).isEmpty();
        assertThat(verifier.finish().size()).isEqualTo(3);
    }

    @Test
    void negativeSizesAreProgrammingErrors() {
        assertThatThrownBy(() -> AddOptions.builder().expectedSize(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected size must not be negative: -1");
        assertThatThrownBy(() -> AddOptions.builder().sizeLimit(-2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Size limit must not be negative: -2");
    }

    @Test
    void toBuilderKeepsEveryOption() {
        Checksum expected = new Checksum(ChecksumAlgorithm.MD5, "900150983cd24fb0d6963f7d28e17f72");
        ProgressListener listener = bytes -> { };
        AddOptions options = AddOptions.builder().expectedSize(3).expectedChecksum(expected).sizeLimit(10)
                .checksum(ChecksumAlgorithm.SHA512).metadata("tenant", "t1").progress(listener).build();

        AddOptions copy = options.toBuilder().build();

        assertThat(copy.expectedSize()).hasValue(3);
        assertThat(copy.expectedChecksum()).contains(expected);
        assertThat(copy.sizeLimit()).hasValue(10);
        assertThat(copy.checksumAlgorithms()).containsExactly(ChecksumAlgorithm.MD5, ChecksumAlgorithm.SHA256,
                ChecksumAlgorithm.SHA512);
        assertThat(copy.metadata()).containsExactly(java.util.Map.entry("tenant", "t1"));
        assertThat(copy.progress()).isSameAs(listener);
    }

    @Test
    void anExpectedChecksumIsAlwaysComputed() {
        Checksum expected = new Checksum(ChecksumAlgorithm.SHA256,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

        AddOptions options = AddOptions.builder().onlyChecksums(Set.of()).expectedChecksum(expected).build();

        assertThat(options.checksumAlgorithms()).containsExactly(ChecksumAlgorithm.SHA256);
    }
}
