package io.stowage.tck.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.stowage.Location;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.ProgressListener;
import io.stowage.download.DownloadHandler;
import io.stowage.integrity.ContentExpectation;
import io.stowage.integrity.ContentVerifier;
import io.stowage.integrity.VerifiedContent;
import io.stowage.tck.memory.MemoryDownloadHandler;
import io.stowage.tck.memory.MemoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The download-handler contract has teeth: handlers with one defect each fail it. */
class BrokenHandlersFailTheContractTest {
    enum Defect {
        TRUNCATES_LAST_BYTE, SUCCEEDS_ON_MISSING_OBJECTS, SERVES_ANY_LOCATION, APPENDS_TO_THE_TARGET,
        LEAVES_A_TEMP_FILE, LEAKS_STREAMS, LEAKS_TARGET_CHANNEL, CLAIMS_WHAT_IT_DID_NOT_VERIFY, REPLACES_THE_TARGET
    }

    @Test
    void theMemoryHandlerPassesEveryTest() {
        assertThat(failures(Correct.class)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Defect.class)
    void everyDefectFailsTheTestsOfItsRule(Defect defect) {
        Class<?> subject = switch (defect) {
            case TRUNCATES_LAST_BYTE -> TruncatesLastByte.class;
            case SUCCEEDS_ON_MISSING_OBJECTS -> SucceedsOnMissingObjects.class;
            case SERVES_ANY_LOCATION -> ServesAnyLocation.class;
            case APPENDS_TO_THE_TARGET -> AppendsToTheTarget.class;
            case LEAVES_A_TEMP_FILE -> LeavesATempFile.class;
            case LEAKS_STREAMS -> LeaksStreams.class;
            case LEAKS_TARGET_CHANNEL -> LeaksTargetChannel.class;
            case CLAIMS_WHAT_IT_DID_NOT_VERIFY -> ClaimsWhatItDidNotVerify.class;
            case REPLACES_THE_TARGET -> ReplacesTheTarget.class;
        };
        List<String> expected = switch (defect) {
            case TRUNCATES_LAST_BYTE -> List.of("copiesTheWholeObject", "servesAllowedCandidatesThroughTheDirectDownloader");
            case SUCCEEDS_ON_MISSING_OBJECTS -> List.of("missingObjectsAreNotFound");
            case SERVES_ANY_LOCATION -> List.of("refusesForeignSchemes", "refusesLocationsItMustNotServe");
            case APPENDS_TO_THE_TARGET -> List.of("overwritesWhatTheTargetHeld");
            case LEAVES_A_TEMP_FILE -> List.of("copiesTheWholeObject");
            case LEAKS_STREAMS -> List.of("copiesTheWholeObject", "servesConcurrentDownloads");
            case LEAKS_TARGET_CHANNEL -> List.of("copiesTheWholeObject", "overwritesWhatTheTargetHeld",
                    "servesAllowedCandidatesThroughTheDirectDownloader", "servesConcurrentDownloads");
            case CLAIMS_WHAT_IT_DID_NOT_VERIFY -> List.of("heldToAnExpectationItVerifiesTrulyOrLeavesTheCheckToTheCaller");
            case REPLACES_THE_TARGET -> List.of("copiesTheWholeObject", "overwritesWhatTheTargetHeld");
        };

        assertThat(failures(subject)).as("tests failed by a handler that %s", defect).containsAll(expected);
    }

    private static Set<String> failures(Class<?> subject) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(subject)).execute();
        Set<String> failed = new TreeSet<>();
        results.allEvents().failed().stream()
                .map(event -> event.getTestDescriptor().getSource().orElse(null))
                .map(source -> source instanceof MethodSource method ? method.getMethodName() : String.valueOf(source))
                .forEach(failed::add);
        return failed;
    }

    static DownloadHandlerTckEnvironment broken(Defect defect) {
        return new MemoryDownloadHandlerTckEnvironment(store -> new BrokenHandler(store, defect));
    }

    /** A memory download handler with one defect. */
    private record BrokenHandler(MemoryStore store, Defect defect) implements DownloadHandler {
        /** Copies, and for {@link Defect#CLAIMS_WHAT_IT_DID_NOT_VERIFY} reports the expectation as verified without a check. */
        @Override
        public Optional<VerifiedContent> download(Location location, Path target,
                ContentExpectation expectation) throws IOException {
            download(location, target);
            if (defect != Defect.CLAIMS_WHAT_IT_DID_NOT_VERIFY) {
                return Optional.empty();
            }
            // Hashes the copy, but against nothing: reports whatever it wrote as verified.
            ContentVerifier unchecked = ContentExpectation.builder().algorithms(expectation.algorithms()).build()
                    .verifier("the copy", ProgressListener.NONE);
            try (InputStream written = Files.newInputStream(target)) {
                byte[] buffer = new byte[8192];
                for (int n = written.read(buffer); n >= 0; n = written.read(buffer)) {
                    unchecked.update(buffer, 0, n);
                }
            }
            return Optional.of(unchecked.finish());
        }

        @Override
        public void download(Location location, Path target) throws IOException {
            switch (defect) {
                case TRUNCATES_LAST_BYTE -> {
                    try (ObjectStream data = store.get(location)) {
                        byte[] bytes = data.readAllBytes();
                        Files.write(target, java.util.Arrays.copyOf(bytes, Math.max(0, bytes.length - 1)));
                    }
                }
                case SUCCEEDS_ON_MISSING_OBJECTS -> {
                    try {
                        new MemoryDownloadHandler(store).download(location, target);
                    } catch (ObjectNotFoundException ignored) {
                        // pretends all went well
                    }
                }
                case SERVES_ANY_LOCATION -> {
                    if (store.owns(location)) {
                        new MemoryDownloadHandler(store).download(location, target);
                    }
                }
                case APPENDS_TO_THE_TARGET -> {
                    try (ObjectStream data = store.get(location);
                            OutputStream out = Files.newOutputStream(target, StandardOpenOption.APPEND)) {
                        data.transferTo(out);
                    }
                }
                case LEAVES_A_TEMP_FILE -> {
                    Path temp = Files.createTempFile(target.getParent(), "handler", ".tmp");
                    new MemoryDownloadHandler(store).download(location, temp);
                    Files.copy(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                case LEAKS_STREAMS -> {
                    ObjectStream data = store.get(location);
                    Files.write(target, data.readAllBytes());
                }
                case CLAIMS_WHAT_IT_DID_NOT_VERIFY -> new MemoryDownloadHandler(store).download(location, target);
                case REPLACES_THE_TARGET -> {
                    // Writes a file of its own beside the target and moves it over the target:
                    // atomic, nothing left behind, but the caller's file is gone.
                    Path own = Files.createTempFile(target.getParent(), "handler", ".part");
                    new MemoryDownloadHandler(store).download(location, own);
                    Files.move(own, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
                case LEAKS_TARGET_CHANNEL -> {
                    // The channel (and the stream over it) are never closed: the target stays open.
                    FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    try (ObjectStream data = store.get(location)) {
                        data.transferTo(Channels.newOutputStream(channel));
                    }
                }
            }
        }
    }

    // The subjects: nested, so that the build's own test run does not pick them up.

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class Correct extends DownloadHandlerContractTest {
        @Override
        protected DownloadHandlerTckEnvironment environment() {
            return new MemoryDownloadHandlerTckEnvironment();
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class TruncatesLastByte extends DownloadHandlerContractTest {
        @Override
        protected DownloadHandlerTckEnvironment environment() {
            return broken(Defect.TRUNCATES_LAST_BYTE);
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class SucceedsOnMissingObjects extends DownloadHandlerContractTest {
        @Override
        protected DownloadHandlerTckEnvironment environment() {
            return broken(Defect.SUCCEEDS_ON_MISSING_OBJECTS);
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class ServesAnyLocation extends DownloadHandlerContractTest {
        @Override
        protected DownloadHandlerTckEnvironment environment() {
            return broken(Defect.SERVES_ANY_LOCATION);
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class AppendsToTheTarget extends DownloadHandlerContractTest {
        @Override
        protected DownloadHandlerTckEnvironment environment() {
            return broken(Defect.APPENDS_TO_THE_TARGET);
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class LeavesATempFile extends DownloadHandlerContractTest {
        @Override
        protected DownloadHandlerTckEnvironment environment() {
            return broken(Defect.LEAVES_A_TEMP_FILE);
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class LeaksStreams extends DownloadHandlerContractTest {
        @Override
        protected DownloadHandlerTckEnvironment environment() {
            return broken(Defect.LEAKS_STREAMS);
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class LeaksTargetChannel extends DownloadHandlerContractTest {
        @Override
        protected DownloadHandlerTckEnvironment environment() {
            return broken(Defect.LEAKS_TARGET_CHANNEL);
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class ReplacesTheTarget extends DownloadHandlerContractTest {
        @Override
        protected DownloadHandlerTckEnvironment environment() {
            return broken(Defect.REPLACES_THE_TARGET);
        }
    }

    @org.junit.jupiter.api.Tag("tck-subject")
    static final class ClaimsWhatItDidNotVerify extends DownloadHandlerContractTest {
        @Override
        protected DownloadHandlerTckEnvironment environment() {
            return broken(Defect.CLAIMS_WHAT_IT_DID_NOT_VERIFY);
        }
    }
}
