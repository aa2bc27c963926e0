package io.stowage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time a server has used: user + system time of a process and its live descendants (a
 * Glance parent and its workers), from field 14 and 15 of {@code /proc/PID/stat}, in clock ticks
 * of 10 ms ({@code USER_HZ} is 100 on Linux). Unlike wall time it does not grow when other work
 * on the machine takes the cores, so it compares what two servers cost on a loaded machine.
 */
final class ProcessCpu {
    private static final long NANOS_PER_TICK = 10_000_000;

    private ProcessCpu() {}

    /** The CPU time {@code pid} and its descendants have used so far, in nanoseconds. */
    static long nanos(long pid) throws IOException {
        ProcessHandle root = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("process " + pid + " is gone"));
        long ticks = 0;
        for (ProcessHandle process : Stream.concat(Stream.of(root), root.descendants()).toList()) {
            ticks += ticks(process.pid());
        }
        return ticks * NANOS_PER_TICK;
    }

    private static long ticks(long pid) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (NoSuchFileException e) {
            return 0; // ended meanwhile
        }
        // the command name (field 2) is in parentheses and may hold spaces: count fields after it
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
