package io.stowage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What an operator times: whole {@code stowage} commands (launcher script, JVM start, config,
 * the transfer, exit) against the shell tools that do the same job, on the same source file and
 * a file store in the workspace:
 *
 * <ul>
 *   <li>{@code stowage add FILE} (SHA-256, fsync, atomic publish, dir fsync) against
 *       {@code cp FILE DEST && sync -f DEST} (no hash; {@code sync -f} flushes the whole
 *       filesystem, which holds nothing else being written);</li>
 *   <li>{@code stowage get -o DEST LOCATION} (temp file, fsync, rename, dir fsync) against
 *       {@code cp} + {@code sync -f} of the stored object's file;</li>
 *   <li>{@code stowage get LOCATION > DEST} against {@code cat FILE > DEST} (neither syncs):
 *       stdout is the destination file, opened by the benchmark as a shell would.</li>
 * </ul>
 */
final class WholeCommandScenarios implements Scenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CP_SYNC = "cp -- \"$1\" \"$2\" && sync -f -- \"$2\"";

    @Override
    public BenchOptions.Group group() {
        return BenchOptions.Group.PROCESS;
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        long size = context.workspace().size();
        Path source = context.workspace().source();
        Path launcher = CliStartScenario.launcher(context.options());
        Path base = context.workspace().dir("process");
        Path storeDir = context.workspace().dir("process-store");
        Path targets = context.workspace().dir("process-targets");
        Path config = Files.writeString(base.resolve("stowage.yaml"),
                "default: bench\nstores:\n  bench: { type: file, dirs: [\"" + storeDir + "\"] }\n");
        List<String> stowage = List.of(launcher.toString(), "-q", "-c", config.toString());
        Path target = targets.resolve("target.bin");
        AtomicInteger sequence = new AtomicInteger();

        Rounds adds = context.rounds("process: add", List.of(
                Contender.of("stowage add", () -> {
                    String id = "add-" + sequence.incrementAndGet();
                    TimedProcess run = TimedProcess.run(base, concat(stowage, "add", "--id", id, source.toString()));
                    Path stored = storedFile(run.output(), size);
                    return new Sample(run.nanos(), DirectDownloadScenario.removeTarget("stowage add", stored, size));
                }),
                Contender.of("cp + sync -f", () -> shell(base, CP_SYNC, source, target, size))));

        TimedProcess added = TimedProcess.run(base, concat(stowage, "add", "--id", "get-source", source.toString()));
        String location = JSON.readTree(added.output()).path("location").asText();
        Path stored = storedFile(added.output(), size);
        Rounds getsToFile = context.rounds("process: get -o", List.of(
                Contender.of("stowage get -o", () -> new Sample(
                        TimedProcess.run(base, concat(stowage, "get", "-o", target.toString(), location)).nanos(),
                        DirectDownloadScenario.removeTarget("stowage get -o", target, size))),
                Contender.of("cp + sync -f", () -> shell(base, CP_SYNC, stored, target, size))));
        Rounds getsToStdout = context.rounds("process: get > file", List.of(
                Contender.of("stowage get > file", () -> new Sample(
                        TimedProcess.runWithStdoutTo(base, concat(stowage, "get", location), target).nanos(),
                        DirectDownloadScenario.removeTarget("stowage get > file", target, size))),
                Contender.of("cat > file", () -> new Sample(
                        TimedProcess.runWithStdoutTo(base, List.of("cat", "--", stored.toString()), target).nanos(),
                        DirectDownloadScenario.removeTarget("cat > file", target, size)))));
        Files.delete(stored);

        String sized = " (" + Sizes.format(size) + ")";
        return List.of(
                Comparison.row("process: `stowage add`" + sized, adds, "stowage add", "cp + sync -f",
                        "cp FILE DEST && sync -f DEST", Unit.BYTES, Target.atLeast(0.85)),
                Comparison.row("process: `stowage get -o`" + sized, getsToFile, "stowage get -o", "cp + sync -f",
                        "cp OBJECT DEST && sync -f DEST", Unit.BYTES, Target.atLeast(0.85)),
                Comparison.row("process: `stowage get > file`" + sized, getsToStdout, "stowage get > file", "cat > file",
                        "cat OBJECT > DEST", Unit.BYTES, Target.atLeast(0.80)));
    }

    /** The file of the object whose {@code stowage add} JSON is {@code output}, checked to hold {@code size} bytes. */
    private static Path storedFile(String output, long size) throws Exception {
        JsonNode added = JSON.readTree(output);
        if (added.path("size").asLong(-1) != size) {
            throw new IllegalStateException("stowage add did not store " + size + " bytes: " + output);
        }
        return Path.of(URI.create(added.path("location").asText()));
    }

    /** A shell command with {@code $1} and {@code $2} bound, timed from start to exit; checks and removes {@code target}. */
    private static Sample shell(Path cwd, String script, Path first, Path target, long size) throws Exception {
        TimedProcess run = TimedProcess.run(cwd, List.of("sh", "-c", script, "sh", first.toString(), target.toString()));
        return new Sample(run.nanos(), DirectDownloadScenario.removeTarget(script, target, size));
    }

    private static List<String> concat(List<String> command, String... arguments) {
        return java.util.stream.Stream.concat(command.stream(), java.util.Arrays.stream(arguments)).toList();
    }
}
