package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.PermissionDeniedException;
import io.stowage.BackendUnavailableException;
import io.stowage.InvalidConfigurationException;
import io.stowage.IntegrityException;
import io.stowage.InvalidIdException;
import io.stowage.InvalidLocationException;
import io.stowage.InvalidRangeException;
import io.stowage.NotSupportedException;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectNotFoundException;
import io.stowage.SizeLimitExceededException;
import io.stowage.StorageFullException;
import io.stowage.StoreException;
import io.stowage.UnknownSchemeException;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExitCodeTest {
    @Test
    void theCodesAreTheDocumentedNumbers() {
        assertThat(Arrays.stream(ExitCode.values()).mapToInt(ExitCode::code)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void everyKindOfStoreErrorHasItsCode() {
        assertThat(ExitCode.of(new InvalidConfigurationException("m"))).isEqualTo(ExitCode.USAGE);
        assertThat(ExitCode.of(new InvalidRangeException("m"))).isEqualTo(ExitCode.USAGE);
        assertThat(ExitCode.of(new ObjectNotFoundException("m"))).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(ExitCode.of(new ObjectAlreadyExistsException("m"))).isEqualTo(ExitCode.ALREADY_EXISTS);
        assertThat(ExitCode.of(new StorageFullException("m"))).isEqualTo(ExitCode.STORAGE_FULL);
        assertThat(ExitCode.of(new SizeLimitExceededException("m"))).isEqualTo(ExitCode.STORAGE_FULL);
        assertThat(ExitCode.of(new NotSupportedException("m"))).isEqualTo(ExitCode.NOT_SUPPORTED);
        assertThat(ExitCode.of(new InvalidLocationException("m"))).isEqualTo(ExitCode.REFUSED);
        assertThat(ExitCode.of(new UnknownSchemeException("m"))).isEqualTo(ExitCode.REFUSED);
        assertThat(ExitCode.of(new InvalidIdException("m"))).isEqualTo(ExitCode.REFUSED);
        assertThat(ExitCode.of(new PermissionDeniedException("m"))).isEqualTo(ExitCode.REFUSED);
        assertThat(ExitCode.of(new IntegrityException("m"))).isEqualTo(ExitCode.INTEGRITY);
        assertThat(ExitCode.of(new BackendUnavailableException("m"))).isEqualTo(ExitCode.UNAVAILABLE);
    }

    @Test
    void anythingElseIsUnexpected() {
        assertThat(ExitCode.of(new StoreException("m"))).isEqualTo(ExitCode.UNEXPECTED);
        assertThat(ExitCode.of(new IOException("m"))).isEqualTo(ExitCode.UNEXPECTED);
        assertThat(ExitCode.of(new IllegalStateException("m"))).isEqualTo(ExitCode.UNEXPECTED);
    }
}
