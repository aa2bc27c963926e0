package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AddOptions;
import io.stowage.Location;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.file.AddsUntilKilled.Planned;
import io.stowage.tck.source.Payload;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crash consistency: a child JVM adds four objects (64 KiB to 1.5 MiB) to a data dir on the
 * real filesystem and is killed with SIGKILL at a random point of its writes — chosen by bytes
 * fed into the adds, a quarter of the trials at the very end of an object so the kill lands
 * in the fsync and publish steps. Afterwards, looking at the files directly: every id is
 * absent or a complete object whose SHA-256 is that of its data, and every add the child saw
 * return is there. The next open of the store removes the temp files the dead adds left; the
 * store then reads every object that is there, reports the others as not found, and takes
 * their ids again.
 *
 * <p>The trials' seeds come from one seed, named in every message; {@value #SEED_PROPERTY}
 * repeats a run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashConsistencyTest {
    static final String SEED_PROPERTY = "stowage.crash.seed";
    private static final int TRIALS = 24;
    private static final long SEED = Long.getLong(SEED_PROPERTY, new Random().nextLong());
    private static final Duration GUARD = Duration.ofSeconds(120);

    @TempDir
    Path root;

    private int trialsWithLeftovers;

    static List<Integer> trials() {
        List<Integer> trials = new ArrayList<>();
        for (int i = 0; i < TRIALS; i++) {
            trials.add(i);
        }
        return trials;
    }

    @ParameterizedTest(name = "trial {0}")
    @MethodSource("trials")
    void aKilledWriterLeavesEveryIdAbsentOrCompleteAndTheNextOpenCleansUp(int trial) throws Exception {
        Random random = new Random(SEED * 31 + trial);
        long planSeed = random.nextLong();
        List<Planned> plan = AddsUntilKilled.plan(planSeed);
        long killAt = killPoint(plan, random);
        int bufferSize = random.nextBoolean() ? 64 * 1024 : FileStoreConfig.DEFAULT_BUFFER_SIZE;
        String what = "trial " + trial + " (seed " + SEED + ", -D" + SEED_PROPERTY + "=" + SEED + "), killed at point "
                + killAt + ", buffers of " + bufferSize + " bytes";
        Path dir = root.resolve("data-" + trial);

        Set<String> returned = new TreeSet<>();
        try (ChildJvm child = ChildJvm.start(AddsUntilKilled.class, root.resolve("stderr-" + trial + ".txt"),
                dir.toString(), Long.toString(planSeed), Long.toString(killAt), Integer.toString(bufferSize))) {
            String line;
            do {
                line = child.nextLine(GUARD).orElseThrow(() -> new AssertionError(what + ": the child ended early (stderr: "
                        + child.stderr() + ")"));
                if (line.startsWith(AddsUntilKilled.ADDED)) {
                    returned.add(line.substring(AddsUntilKilled.ADDED.length()));
                }
                assertThat(line).as("%s: the child's output", what).isNotEqualTo(AddsUntilKilled.FINISHED);
            } while (!line.equals(AddsUntilKilled.KILL_ME));
            assertThat(child.kill()).as("%s: exit status", what).isEqualTo(ChildJvm.KILLED);
            for (String late : child.remainingLines()) {
                if (late.startsWith(AddsUntilKilled.ADDED)) {
                    returned.add(late.substring(AddsUntilKilled.ADDED.length()));
                }
            }
            assertThat(Files.readString(child.stderr())).as("%s: the child's stderr", what).isEmpty();
        }

        List<String> before = TestFiles.names(dir);
        for (Planned planned : plan) {
            Path file = dir.resolve(planned.id().value());
            if (Files.exists(file)) {
                assertThat(Files.size(file)).as("%s: size of %s", what, planned.id()).isEqualTo(planned.payload().size());
                assertThat(sha256(file)).as("%s: SHA-256 of %s", what, planned.id()).isEqualTo(planned.payload().sha256());
            } else {
                assertThat(returned).as("%s: adds that returned before the kill", what).doesNotContain(planned.id().value());
            }
        }
        List<String> leftovers = before.stream().filter(TempFile::isTempName).toList();
        assertThat(before).as("%s: the dir after the kill", what).allSatisfy(name -> assertThat(
                TempFile.isTempName(name) || name.equals(StoreLock.FILE_NAME) || isPlanned(plan, name)).isTrue());

        try (Store store = new FileStoreProvider().create("next", FileStoreConfig.ofDirs(dir.toString()))) {
            assertThat(TestFiles.names(dir)).as("%s: the dir after the next open", what)
                    .containsExactlyElementsOf(before.stream().filter(name -> !TempFile.isTempName(name)).toList());
            for (Planned planned : plan) {
                Location location = Location.parse("file://" + dir + "/" + planned.id());
                if (Files.exists(dir.resolve(planned.id().value()))) {
                    try (ObjectStream stream = store.get(location)) {
                        assertThat(planned.payload().mismatch(stream)).as("%s: %s read through the store", what, location)
                                .isEmpty();
                    }
                } else {
                    assertThatThrownBy(() -> store.get(location)).isInstanceOf(ObjectNotFoundException.class);
                    Payload again = Payload.of(1000, planned.payload().seed());
                    store.add(planned.id(), again.open(), AddOptions.defaults());
                    try (ObjectStream stream = store.get(location)) {
                        assertThat(again.mismatch(stream)).as("%s: %s added again", what, location).isEmpty();
                    }
                }
            }
        }
        trialsWithLeftovers += leftovers.isEmpty() ? 0 : 1;
    }

    /** The kills landed where it matters: some while an add's temp file existed, which the next open removed. */
    @AfterAll
    void someKillsLeftATempFile() {
        assertThat(trialsWithLeftovers).as("trials of %d that left a temp file (seed %d)", TRIALS, SEED).isPositive();
    }

    /**
     * A point of the child's kill-point space (each object has the points 0 to its size, see
     * {@link AddsUntilKilled}): a quarter at the end of an object (its fsync and publish), the
     * rest anywhere in its bytes.
     */
    private static long killPoint(List<Planned> plan, Random random) {
        int object = random.nextInt(plan.size());
        long start = 0;
        for (int i = 0; i < object; i++) {
            start += plan.get(i).payload().size() + 1;
        }
        long size = plan.get(object).payload().size();
        return start + (random.nextInt(4) == 0 ? size : (long) (random.nextDouble() * size));
    }

    private static boolean isPlanned(List<Planned> plan, String name) {
        return plan.stream().anyMatch(planned -> planned.id().value().equals(name));
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
