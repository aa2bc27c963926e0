package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.integrity.ContentVerifier;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
        AddOptions options = new AddOptions(OptionalLong.empty(), Optional.empty(), OptionalLong.empty(),
                EnumSet.of(ChecksumAlgorithm.MD5), Map.of(), ProgressListener.NONE);

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
    void anExpectedChecksumIsAlwaysComputed() {
        Checksum expected = new Checksum(ChecksumAlgorithm.SHA256,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

        AddOptions options = AddOptions.builder().onlyChecksums(Set.of()).expectedChecksum(expected).build();

        assertThat(options.checksumAlgorithms()).containsExactly(ChecksumAlgorithm.SHA256);
    }
}
