package io.stowage.tck.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Location;
import io.stowage.tck.OpenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What every run of a handler under test must leave, whether it succeeded or failed: no file of
 * the target directory open; and after a success, the target still the file the caller created
 * (written in place, never replaced: the caller forces and publishes the file through its own
 * handle, so a file moved or copied over it would be published without reaching the device).
 */
final class HandlerRunChecks {
    /** A run of the handler. */
    @FunctionalInterface
    interface HandlerRun<T> {
        T run() throws Exception;
    }

    private HandlerRunChecks() {}

    /** Runs {@code run}, a download of {@code location} into {@code target} in {@code dir}, and checks what it left. */
    static <T> T checked(Path dir, Location location, Path target, HandlerRun<T> run) throws Exception {
        Object before = fileKey(target);
        T result;
        try {
            result = run.run();
        } catch (Exception | Error e) {
            try {
                assertNoOpenFiles(dir, "after the handler failed to download " + location);
            } catch (AssertionError leak) {
                leak.addSuppressed(e);
                throw leak;
            }
            throw e;
        }
        assertNoOpenFiles(dir, "after the handler downloaded " + location);
        assertThat(fileKey(target)).as("the target file after the handler downloaded %s: written in place, not"
                + " replaced by another file", location).isEqualTo(before);
        return result;
    }

    /** Fails if this process holds a file of {@code dir} open (a leaked target channel or stream). */
    static void assertNoOpenFiles(Path dir, String when) throws IOException {
        assertThat(OpenFiles.under(dir)).as("files of the target directory still open %s", when).isEmpty();
    }

    private static Object fileKey(Path target) throws IOException {
        Object key = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        assertThat(key).as("a file key for %s (this check needs a filesystem that has them)", target).isNotNull();
        return key;
    }
}
