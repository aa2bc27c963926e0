package io.stowage.cli;

import static java.util.Objects.requireNonNull;

import io.stowage.InvalidConfigurationException;
import io.stowage.StoreException;
import io.stowage.core.StoreRegistry;
import io.stowage.core.config.StowageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code stowage [-c FILE] [-q] [--debug] COMMAND}: the options every command shares, and what they build.
 * Its subcommands are registered by {@link StowageCli} ({@link Subcommands}).
 */
@Command(name = "stowage",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Stores, reads and removes objects in the configured storage backends.",
                "Without -c, one file store named 'local' under ./stowage-data is used."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ok", "1:unexpected error", "2:usage or configuration error", "3:not found",
                "4:already exists", "5:storage full or size limit exceeded", "6:not supported",
                "7:invalid or refused location or id", "8:integrity failure (size or checksum)",
                "9:backend unavailable"})
final class StowageCommand implements Callable<Integer> {
    static final String DEFAULT_CONFIG = "default-config.yaml";

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML or JSON config file (default: the embedded one, a file store under ./stowage-data)")
    Path configFile;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no log messages; errors only")
    boolean quiet;

    @Option(names = "--debug", description = "Debug logging, and a stack trace with every error")
    boolean debug;

    private final StandardStreams streams;

    StowageCommand(StandardStreams streams) {
        this.streams = requireNonNull(streams, "streams is null");
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command (add, get, stat, delete, download, stores, providers, serve, image)");
    }

    StandardStreams streams() {
        return streams;
    }

    /** The config of {@code -c FILE}, else the embedded default. */
    StowageConfig config() throws InvalidConfigurationException {
        if (configFile != null) {
            return StowageConfig.load(configFile);
        }
        return StowageConfig.parse(embeddedDefault(), System::getenv);
    }

    /** The registry built from {@link #config()}; configuration problems are {@link InvalidConfigurationException}s. */
    StoreRegistry openStores() throws StoreException {
        return StoreRegistry.build(config());
    }

    /** A progress bar for a transfer, drawn only when stderr is a terminal and -q is not given. */
    TransferProgress progress(String task, OptionalLong total) {
        return quiet || !streams.progressTerminal() ? TransferProgress.none() : TransferProgress.on(streams.err(), task, total);
    }

    private static String embeddedDefault() throws InvalidConfigurationException {
        try (InputStream in = StowageCommand.class.getResourceAsStream(DEFAULT_CONFIG)) {
            if (in == null) {
                throw new InvalidConfigurationException("The embedded default configuration is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigurationException("Cannot read the embedded default configuration: " + e.getMessage(), e);
        }
    }

    static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
