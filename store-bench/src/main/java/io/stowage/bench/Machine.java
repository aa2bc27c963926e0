package io.stowage.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** What the results were measured on, printed above the table. */
final class Machine {
    private Machine() {}

    static String describe(Path workDir) {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        String disk;
        try {
            FileStore store = Files.getFileStore(workDir);
            disk = store.type() + " on " + store.name();
        } catch (IOException e) {
            disk = "unknown filesystem";
        }
        return String.format(Locale.ROOT, "%d cores (%s), %d GiB RAM, %s %s, JDK %s (%s), workspace %s (%s)",
                Runtime.getRuntime().availableProcessors(), cpuModel().orElse("unknown CPU"), Math.round(memory / (double) Sizes.GIB),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"), workDir.toAbsolutePath(), disk);
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
    static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
        }
    }

    private static Optional<String> cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
