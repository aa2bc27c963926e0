package io.stowage.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code stowage -c CONFIG ...} in-process through {@link StowageCli#run}. */
final class Cli {
    private final Path config;

    Cli(Path config) {
        this.config = config;
    }

    CliResult run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    CliResult run(byte[] stdin, String... args) {
        return run(new ByteArrayInputStream(stdin), args);
    }

    CliResult run(InputStream stdin, String... args) {
        List<String> all = new ArrayList<>();
        if (config != null) {
            all.add("-c");
            all.add(config.toString());
        }
        all.addAll(List.of(args));
        return runRaw(stdin, all.toArray(String[]::new));
    }

    /** Runs exactly {@code args}, with no {@code -c}. */
    static CliResult runRaw(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = StowageCli.run(args, stdin, stdout, stderr);
        }
        return new CliResult(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
}
