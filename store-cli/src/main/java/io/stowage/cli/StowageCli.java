package io.stowage.cli;

import static java.util.Objects.requireNonNull;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.channels.WritableByteChannel;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The {@code stowage} command: every store operation from a shell, on a config file
 * ({@code -c FILE}) or the embedded default (one file store named {@code local} under
 * {@code ./stowage-data}).
 *
 * <pre>
 * stowage [-c FILE] [-q] [--debug] COMMAND
 *   add [--store NAME] [--id ID] [--size N] [--checksum ALG]... (FILE | -)
 *   get [-o FILE] [--offset N] [--length N] [--verify sha256:HEX] LOCATION
 *   stat LOCATION          delete LOCATION
 *   download [--allowed-schemes a,b] -o FILE LOCATION...
 *   stores                 providers
 *   serve
 *   image [--api URL[,URL...]] [--token T] [--retries N] COMMAND
 *     create [--name N] [--disk-format F] [--container-format C] [--property k=v]... [--store S] [FILE | -]
 *     upload [--store S] ID (FILE | -)      download [--allowed-schemes a,b] -o FILE ID
 *     show ID      list [--limit N]      delete ID      stores
 * </pre>
 *
 * <p>{@code add}, {@code stat}, {@code download}, {@code stores} and {@code providers} print
 * one JSON document on stdout. An error is one line on stderr, {@code stowage: <message>}
 * (with {@code --debug}, followed by its stack trace), and the exit status tells its kind
 * (see {@link ExitCode}).
 *
 * <h2>Running it in-process</h2>
 * {@link #run(String[], InputStream, PrintStream, PrintStream)} runs one command in the
 * calling JVM and returns its exit status instead of exiting: tests (this module's and other
 * backends') use it like the command line, e.g.
 * {@code StowageCli.run(new String[] {"-c", config.toString(), "stat", location}, in, out, err)}.
 * <ul>
 *   <li>Relative paths (of {@code -c}, {@code -o}, FILE, and the data dirs in a config) resolve
 *       against the JVM's working directory; tests pass {@code -c} with a config in a temp dir
 *       holding absolute paths.</li>
 *   <li>Each call builds its own registry from the config and closes it before returning.
 *       Concurrent calls are allowed; they share nothing but the filesystem.</li>
 *   <li>{@code stdin} is read by {@code add -} and never closed; JSON and {@code get} data go
 *       to {@code stdout}, errors to {@code stderr}. No progress bar is drawn.</li>
 *   <li>Log messages go through SLF4J as the JVM has it configured; {@code -q} and
 *       {@code --debug} set the log level only in {@link #main}, which owns its process.</li>
 * </ul>
 */
public final class StowageCli {
    private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final String STOWAGE_LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.io.stowage";

    private StowageCli() {}

    /**
     * Runs one {@code stowage} command and exits with its status.
     *
     * @param args the command line without the program name
     */
    public static void main(String[] args) {
        int code;
        try {
            // Never closed: closing it would close file descriptor 1.
            WritableByteChannel stdout = new FileOutputStream(FileDescriptor.out).getChannel();
            code = run(args, new StandardStreams(System.in, System.out, System.err, StderrTerminal.isTerminal(),
                    Optional.of(stdout)), true);
        } catch (Throwable e) {
            // Errors (out of memory, a broken jar) that escaped the command: still one line and a status.
            System.err.println("stowage: unexpected failure: " + ErrorReport.describe(e));
            code = ExitCode.UNEXPECTED.code();
        }
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs one {@code stowage} command in this JVM and returns its exit status (see
     * {@link ExitCode}); see the class comment for how it differs from a separate process.
     *
     * @param args the command line without the program name, e.g. {@code {"-c", "cfg.yaml", "stores"}}
     * @param stdin what {@code add -} reads; not closed
     * @param stdout where JSON output and {@code get} data go
     * @param stderr where the one-line error (and with {@code --debug} its stack trace) goes
     * @return the exit status
     */
    public static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        return run(args, new StandardStreams(stdin, stdout, stderr, false, Optional.empty()), false);
    }

    static int run(String[] args, StandardStreams streams, boolean ownsProcess) {
        requireNonNull(args, "args is null");
        StowageCommand root = new StowageCommand(streams);
        CommandLine commandLine = new CommandLine(root);
        for (Class<?> subcommand : Subcommands.selectedBy(args)) {
            commandLine.addSubcommand(subcommand);
        }
        commandLine.setExpandAtFiles(false);
        commandLine.setOut(new PrintWriter(streams.out(), true));
        commandLine.setErr(new PrintWriter(streams.err(), true));
        commandLine.setParameterExceptionHandler(ErrorReport::usageError);
        commandLine.setExecutionExceptionHandler((failure, failed, parseResult) ->
                ErrorReport.failure(failure, failed, root.debug));
        commandLine.setExecutionStrategy(parseResult -> {
            if (ownsProcess) {
                configureLogging(root, parseResult.hasSubcommand() && parseResult.subcommand().commandSpec().name().equals("serve"));
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        int code = commandLine.execute(args);
        streams.out().flush();
        streams.err().flush();
        return code;
    }

    /**
     * Sets slf4j-simple's level before the first logger exists: warn, off with -q, and with
     * --debug debug for Stowage's own loggers and info for libraries (whose debug output, such
     * as HTTP wire logs, would bury everything else). {@code serve} runs for long and logs
     * Stowage's info messages (where it listens, what it recovered) by default.
     */
    private static void configureLogging(StowageCommand root, boolean serve) {
        if (root.debug) {
            System.setProperty(LOG_LEVEL_PROPERTY, "info");
            System.setProperty(STOWAGE_LOG_LEVEL_PROPERTY, "debug");
        } else if (root.quiet) {
            System.setProperty(LOG_LEVEL_PROPERTY, "off");
        } else if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
            System.setProperty(LOG_LEVEL_PROPERTY, "warn");
            if (serve && System.getProperty(STOWAGE_LOG_LEVEL_PROPERTY) == null) {
                System.setProperty(STOWAGE_LOG_LEVEL_PROPERTY, "info");
            }
        }
    }
}
