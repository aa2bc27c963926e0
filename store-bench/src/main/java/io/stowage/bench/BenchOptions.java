package io.stowage.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one benchmark run does, from the command line.
 *
 * @param size the object size of the transfer scenarios
 * @param runs measured rounds per scenario (each round runs Stowage and every baseline once)
 * @param warmups unmeasured rounds before them
 * @param groups the scenario groups to run
 * @param workDir where the temp workspace is made (source file, stores, S3 data); on the disk measured
 * @param heapSize the object size of the forked heap probes
 * @param smallObjects add+get+delete cycles per small-object run
 * @param cliRuns measured starts of {@code stowage stores}
 * @param repository the checkout holding the {@code stowage} launcher and {@code store-cli/target/stowage.jar}
 * @param registryImages how many images the registry group fills each database with
 * @param registryCalls calls per operation and count in the registry group
 * @param launcher the {@code stowage} command the process and cli groups run, when not the checkout's launcher
 * @param images how many images the glance group lists (each service holds that many)
 * @param concurrentSize the size of each of the service group's 16 concurrent uploads
 */
record BenchOptions(
        long size,
        int runs,
        int warmups,
        Set<Group> groups,
        Path workDir,
        long heapSize,
        int smallObjects,
        int cliRuns,
        Path repository,
        int registryImages,
        int registryCalls,
        Optional<Path> launcher,
        int images,
        long concurrentSize) {

    /** The scenario groups, in the order they run. */
    enum Group {
        PROCESS, CLI, FILE, DIRECT, SMALL, HTTP, S3, HEAP, IMAGE, NODES, REGISTRY, SERVICE, GLANCE;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Group of(String id) {
            for (Group group : values()) {
                if (group.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                    return group;
                }
            }
            throw new IllegalArgumentException("--only: unknown group '" + id + "' (groups: " + ids() + ")");
        }

        static String ids() {
            return Arrays.stream(values()).map(Group::id).collect(Collectors.joining(","));
        }
    }

    static final String USAGE = String.join("\n",
            "Usage: java -jar store-bench/target/store-bench.jar [options]",
            "  --size SIZE         object size of the transfer scenarios (default 1g)",
            "  --runs N            measured rounds per scenario (default 7)",
            "  --warmups N         unmeasured rounds first (default 1)",
            "  --only LIST         groups to run, of " + Group.ids() + " (default all)",
            "  --dir DIR           where the temp workspace goes (default java.io.tmpdir)",
            "  --heap-size SIZE    object size of the forked heap probes (default 2g)",
            "  --small-count N     add+get+delete cycles per small-object run (default 1000)",
            "  --cli-runs N        measured starts of `stowage stores` (default 10)",
            "  --repo DIR          the checkout with ./stowage (default the current dir)",
            "  --registry-images N images per database in the registry group (default 100000)",
            "  --registry-calls N  calls per operation and count in the registry group (default 1000)",
            "  --stowage PATH      the stowage command to run instead of the checkout's launcher",
            "  --images N          images each service holds for the glance group's listing (default 2000)",
            "  --concurrent-size SIZE  size of each of the service group's 16 concurrent uploads (default 256m)",
            "  --help");

    BenchOptions {
        requireNonNull(groups, "groups is null");
        requireNonNull(workDir, "workDir is null");
        requireNonNull(repository, "repository is null");
        requireNonNull(launcher, "launcher is null");
        groups = groups.isEmpty() ? EnumSet.noneOf(Group.class) : EnumSet.copyOf(groups);
        if (size < 1) {
            throw new IllegalArgumentException("--size: must be at least 1 byte");
        }
        if (heapSize < 1) {
            throw new IllegalArgumentException("--heap-size: must be at least 1 byte");
        }
        if (runs < 1 || warmups < 0 || smallObjects < 1 || cliRuns < 1 || registryCalls < 1) {
            throw new IllegalArgumentException("--runs, --small-count, --cli-runs and --registry-calls must be at least 1,"
                    + " --warmups at least 0");
        }
        if (registryImages < 10L * registryCalls) {
            throw new IllegalArgumentException("--registry-images must be at least 10 times --registry-calls");
        }
        if (images < 2 || concurrentSize < 1) {
            throw new IllegalArgumentException("--images must be at least 2, --concurrent-size at least 1 byte");
        }
    }

    static BenchOptions parse(List<String> args) {
        long size = Sizes.GIB;
        int runs = 7;
        int warmups = 1;
        Set<Group> groups = EnumSet.allOf(Group.class);
        Path workDir = Path.of(System.getProperty("java.io.tmpdir"));
        long heapSize = 2 * Sizes.GIB;
        int smallObjects = 1000;
        int cliRuns = 10;
        Path repository = Path.of("").toAbsolutePath();
        int registryImages = 100_000;
        int registryCalls = 1000;
        Optional<Path> launcher = Optional.empty();
        int images = 2000;
        long concurrentSize = 256 * Sizes.MIB;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--help") || option.equals("-h")) {
                throw new HelpRequested();
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(option.startsWith("--") ? option + ": a value is missing" : "unknown argument '" + option + "'");
            }
            String value = args.get(++i);
            switch (option) {
                case "--size" -> size = Sizes.parse(value, option);
                case "--runs" -> runs = number(value, option);
                case "--warmups" -> warmups = number(value, option);
                case "--only" -> groups = Arrays.stream(value.split(",")).filter(id -> !id.isBlank()).map(Group::of)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Group.class)));
                case "--dir" -> workDir = Path.of(value);
                case "--heap-size" -> heapSize = Sizes.parse(value, option);
                case "--small-count" -> smallObjects = number(value, option);
                case "--cli-runs" -> cliRuns = number(value, option);
                case "--repo" -> repository = Path.of(value).toAbsolutePath();
                case "--registry-images" -> registryImages = number(value, option);
                case "--registry-calls" -> registryCalls = number(value, option);
                case "--stowage" -> launcher = Optional.of(Path.of(value).toAbsolutePath());
                case "--images" -> images = number(value, option);
                case "--concurrent-size" -> concurrentSize = Sizes.parse(value, option);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("--only: no group named (groups: " + Group.ids() + ")");
        }
        if (!Files.isDirectory(workDir)) {
            throw new IllegalArgumentException("--dir: " + workDir + " is not a directory");
        }
        return new BenchOptions(size, runs, warmups, groups, workDir, heapSize, smallObjects, cliRuns, repository,
                registryImages, registryCalls, launcher, images, concurrentSize);
    }

    private static int number(String value, String option) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": expected a whole number, got '" + value + "'");
        }
    }

    boolean runs(Group group) {
        return groups.contains(group);
    }

    /** Thrown by {@link #parse} for {@code --help}. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("help", null, false, false);
        }
    }
}
