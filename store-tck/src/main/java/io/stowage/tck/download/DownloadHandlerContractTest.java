package io.stowage.tck.download;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.stowage.Checksum;
import io.stowage.PermissionDeniedException;
import io.stowage.ChecksumAlgorithm;
import io.stowage.IntegrityException;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.core.download.AllowedSchemes;
import io.stowage.core.download.DirectDownloader;
import io.stowage.download.DownloadHandler;
import io.stowage.core.download.DownloadOptions;
import io.stowage.core.download.DownloadResult;
import io.stowage.integrity.ContentExpectation;
import io.stowage.integrity.VerifiedContent;
import io.stowage.tck.OpenFiles;
import io.stowage.tck.source.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The download-handler contract: a handler copies exactly the object's bytes into the
 * target it is given, fails with the error family (not found, refused) without writing
 * anything else, refuses schemes and locations it must not serve, and works behind the
 * {@link DirectDownloader}'s allowed-scheme filter and verification. A handler's build runs
 * it like this:
 *
 * <pre>{@code
 * class FileDownloadHandlerContractTest extends DownloadHandlerContractTest {
 *     @Override
 *     protected DownloadHandlerTckEnvironment environment() {
 *         return new FileDownloadHandlerTckEnvironment();
 *     }
 * }
 * }</pre>
 *
 * One environment and one handler per test class; after every test the objects put in are
 * removed and {@link DownloadHandlerTckEnvironment#assertNothingLeaked} must pass. The target
 * side is the suite's own: each test downloads into a fresh directory, and after every
 * handler run and every {@link DirectDownloader} run no file of that directory may still be
 * open in this process ({@link OpenFiles}, Linux), so a handler or downloader that leaks its
 * target channel or a verification stream fails the test that caused it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DownloadHandlerContractTest {
    private DownloadHandlerTckEnvironment environment;
    private DownloadHandler handler;
    private final List<Location> created = new CopyOnWriteArrayList<>();
    private Path dir;
    private long seeds;

    /**
     * The environment of the handler under test; called once per test class.
     *
     * @return a new environment of the backend under test
     * @throws Exception if the environment fails; the test fails
     */
    protected abstract DownloadHandlerTckEnvironment environment() throws Exception;

    @BeforeAll
    final void createHandler() throws Exception {
        environment = requireNonNull(environment(), "environment() returned null");
        handler = requireNonNull(environment.createHandler(), "createHandler() returned null");
    }

    @AfterAll
    final void closeHandler() throws Exception {
        try (AutoCloseable closingEnvironment = environment; DownloadHandler closingHandler = handler) {
            // both closed, the handler first
        }
    }

    @BeforeEach
    final void createTargetDir() throws IOException {
        dir = Files.createTempDirectory("stowage-tck-download");
    }

    @AfterEach
    final void removeObjectsAndCheck() throws Exception {
        assertNoOpenFiles("at the end of the test");
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        List<Location> leftovers = new ArrayList<>(created);
        created.clear();
        for (Location location : leftovers) {
            try {
                environment.remove(location);
            } catch (ObjectNotFoundException alreadyGone) {
                // the test removed it
            }
        }
        environment.assertNothingLeaked();
    }

    /** {@return the sizes of the objects copied: 0, 1, around 8 KiB, 64 KiB and the large size} */
    protected Stream<Long> sizes() {
        return Stream.of(0L, 1L, 8191L, 8192L, 8193L, 65_537L, environment.largeSize());
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void copiesTheWholeObject(long size) throws Exception {
        Payload payload = Payload.of(size, nextSeed());
        Location location = put(payload);
        Path target = emptyTarget();

        download(location, target);

        try (InputStream written = Files.newInputStream(target)) {
            assertThat(payload.mismatch(written)).as("bytes written for %s", location).isEmpty();
        }
        assertThat(listing()).as("files beside the target").containsExactly(target.getFileName().toString());
    }

    @Test
    void overwritesWhatTheTargetHeld() throws Exception {
        Payload payload = Payload.of(1000, nextSeed());
        Location location = put(payload);
        Path target = emptyTarget();

        download(location, target);
        download(location, target);

        try (InputStream written = Files.newInputStream(target)) {
            assertThat(payload.mismatch(written)).isEmpty();
        }
    }

    /**
     * Held to an expectation ({@link DownloadHandler#download(Location, Path, ContentExpectation)}),
     * a handler copies the object; what it says it verified must be the truth, and a copy that
     * does not meet the expectation (another size, another checksum) fails with
     * {@link IntegrityException} or is left for the caller to check, never reported as verified.
     */
    @Test
    void heldToAnExpectationItVerifiesTrulyOrLeavesTheCheckToTheCaller() throws Exception {
        Payload payload = Payload.of(65_537, nextSeed());
        Location location = put(payload);
        Checksum right = payload.checksum(ChecksumAlgorithm.SHA256);
        Checksum wrong = Payload.of(65_537, nextSeed()).checksum(ChecksumAlgorithm.SHA256);
        Path target = emptyTarget();

        Optional<VerifiedContent> verified = download(location, target,
                ContentExpectation.builder().size(payload.size()).checksum(right).build());

        try (InputStream written = Files.newInputStream(target)) {
            assertThat(payload.mismatch(written)).as("bytes written for %s", location).isEmpty();
        }
        verified.ifPresent(content -> {
            assertThat(content.size()).as("the size the handler verified").isEqualTo(payload.size());
            assertThat(content.checksums().matches(right)).as("the checksum the handler verified").isTrue();
        });
        for (ContentExpectation unmet : List.of(ContentExpectation.builder().size(payload.size() + 1).build(),
                ContentExpectation.builder().size(payload.size()).checksum(wrong).build())) {
            Optional<VerifiedContent> claimed;
            try {
                claimed = download(location, emptyTarget(), unmet);
            } catch (IntegrityException refused) {
                continue;
            }
            assertThat(claimed).as("a copy that does not meet %s, reported as verified", unmet).isEmpty();
        }
    }

    @Test
    void missingObjectsAreNotFound() throws Exception {
        Location location = put(Payload.of(10, nextSeed()));
        environment.remove(location);
        Path target = emptyTarget();

        assertThatThrownBy(() -> download(location, target))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining(location.toString());
        assertThat(listing()).containsExactly(target.getFileName().toString());
    }

    @Test
    void refusesForeignSchemes() throws Exception {
        Path target = emptyTarget();
        for (String scheme : List.of("stowage-tck-foreign", "s3", "file", "http", "https", "memory", "rbd")) {
            if (environment.schemes().contains(scheme)) {
                continue;
            }
            Location foreign = Location.of(URI.create(scheme + "://tck-host/tck-bucket/" + ObjectId.random()));
            assertThatThrownBy(() -> download(foreign, target)).as("download of %s", foreign)
                    .isInstanceOf(InvalidLocationException.class);
        }
        assertThat(Files.size(target)).isZero();
    }

    @Test
    void refusesLocationsItMustNotServe() throws Exception {
        Location existing = put(Payload.of(100, nextSeed()));
        Path target = emptyTarget();
        for (Location refused : environment.refused(existing)) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> download(refused, target));
            assertThat(thrown).as("download of %s", refused)
                    .isInstanceOfAny(InvalidLocationException.class, PermissionDeniedException.class);
            assertThat(Files.size(target)).as("bytes written for %s", refused).isZero();
        }
        assertThat(listing()).containsExactly(target.getFileName().toString());
    }

    @Test
    void servesAllowedCandidatesThroughTheDirectDownloader() throws Exception {
        Payload payload = Payload.of(70_001, nextSeed());
        Location location = put(payload);
        Path target = dir.resolve("image");
        DirectDownloader downloader = DirectDownloader.of(AllowedSchemes.of(environment.schemes()), handlers(handler));

        DownloadResult result = downloader.download(List.of(location), target,
                DownloadOptions.none().withExpectedSize(payload.size()).withExpectedChecksum(payload.checksum(ChecksumAlgorithm.SHA256)),
                () -> fail("the fallback ran although %s was allowed", location));
        assertNoOpenFiles("after the direct downloader served " + location);

        assertThat(result.source()).contains(location);
        assertThat(result.size()).isEqualTo(payload.size());
        assertThat(result.checksums().sha256()).isEqualTo(payload.sha256());
        try (InputStream written = Files.newInputStream(target)) {
            assertThat(payload.mismatch(written)).isEmpty();
        }
        assertThat(listing()).containsExactly("image");
    }

    @Test
    void disallowedSchemesNeverReachTheHandler() throws Exception {
        Payload payload = Payload.of(1000, nextSeed());
        Location location = put(payload);
        List<Location> calls = new CopyOnWriteArrayList<>();
        DownloadHandler recording = (candidate, target) -> {
            calls.add(candidate);
            handler.download(candidate, target);
        };
        DirectDownloader downloader = DirectDownloader.of(AllowedSchemes.of(List.of("stowage-tck-other")), handlers(recording));
        Path target = dir.resolve("image");

        DownloadResult result = downloader.download(List.of(location), target, DownloadOptions.none(), payload::open);
        assertNoOpenFiles("after the direct downloader fell back");

        assertThat(calls).isEmpty();
        assertThat(result.servedByFallback()).isTrue();
        try (InputStream written = Files.newInputStream(target)) {
            assertThat(payload.mismatch(written)).isEmpty();
        }
    }

    @Test
    void aFailedCandidateFallsBackToTheStore() throws Exception {
        Payload payload = Payload.of(1000, nextSeed());
        Location missing = put(payload);
        environment.remove(missing);
        Path target = dir.resolve("image");
        DirectDownloader downloader = DirectDownloader.of(AllowedSchemes.of(environment.schemes()), handlers(handler));

        DownloadResult result = downloader.download(List.of(missing), target,
                DownloadOptions.none().withExpectedSize(payload.size()).withExpectedChecksum(payload.checksum(ChecksumAlgorithm.SHA256)),
                payload::open);
        assertNoOpenFiles("after the direct downloader fell back from " + missing);

        assertThat(result.servedByFallback()).isTrue();
        try (InputStream written = Files.newInputStream(target)) {
            assertThat(payload.mismatch(written)).isEmpty();
        }
        assertThat(listing()).containsExactly("image");
    }

    @Test
    void servesConcurrentDownloads() throws Exception {
        Payload payload = Payload.of(300_001, nextSeed());
        Location location = put(payload);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Path target = emptyTarget();
                futures.add(pool.submit(() -> {
                    handler.download(location, target);
                    return target;
                }));
            }
            List<Path> targets = new ArrayList<>();
            for (Future<Path> future : futures) {
                targets.add(future.get());
            }
            assertNoOpenFiles("after 8 concurrent downloads");
            for (Path target : targets) {
                try (InputStream written = Files.newInputStream(target)) {
                    assertThat(payload.mismatch(written)).isEmpty();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingIsIdempotent() throws Exception {
        DownloadHandler another = environment.createHandler();
        another.close();
        another.close();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The handler under test.
     *
     * @return the handler under test
     */
    protected final DownloadHandler handler() {
        return handler;
    }

    /**
     * Puts {@code payload} where the handler reads from; removed after the test.
     *
     * @param payload the data to put in
     * @return the location of the object
     * @throws Exception if the environment fails; the test fails
     */
    protected final Location put(Payload payload) throws Exception {
        Location location = environment.put(ObjectId.random(), payload.open(), payload.size());
        created.add(location);
        return location;
    }

    /**
     * Runs the handler under test and checks what it left ({@link HandlerRunChecks}): no file of
     * the test's target directory open, and after a success the target written in place.
     *
     * @param location the location
     * @param target the file the handler writes
     * @throws Exception if the environment fails; the test fails
     */
    protected final void download(Location location, Path target) throws Exception {
        HandlerRunChecks.checked(dir, location, target, () -> {
            handler.download(location, target);
            return null;
        });
    }

    /**
     * Runs the handler held to {@code expectation}, checking for open files as {@link #download(Location, Path)} does.
     *
     * @param location the location
     * @param target the file the handler writes
     * @param expectation what the copy must be
     * @return what the handler reports it verified
     * @throws Exception if the environment fails; the test fails
     */
    protected final Optional<VerifiedContent> download(Location location, Path target, ContentExpectation expectation)
            throws Exception {
        return HandlerRunChecks.checked(dir, location, target, () -> handler.download(location, target, expectation));
    }

    /**
     * Fails if this process holds a file of the test's target directory open (a leaked target channel or stream).
     *
     * @param when what just ran, for the message
     * @throws IOException if reading fails
     */
    protected final void assertNoOpenFiles(String when) throws IOException {
        HandlerRunChecks.assertNoOpenFiles(dir, when);
    }

    /**
     * A new empty file in the test's target directory, as the downloader hands it to a handler.
     *
     * @return the path of a file that does not exist yet
     * @throws IOException if reading fails
     */
    protected final Path emptyTarget() throws IOException {
        return Files.createTempFile(dir, "target", ".part");
    }

    /** {@return a seed no other payload of this test class used} */
    protected final synchronized long nextSeed() {
        return ++seeds * 0x2545F4914F6CDD1DL;
    }

    private Map<String, DownloadHandler> handlers(DownloadHandler target) {
        Map<String, DownloadHandler> handlers = new LinkedHashMap<>();
        environment.schemes().forEach(scheme -> handlers.put(scheme, target));
        return handlers;
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
