package io.stowage.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subcommands {@link StowageCommand} gets for one command line. Picocli reads the
 * annotations of every command it is given before it parses anything, which costs a
 * one-shot command a good part of its start-up; so when the command line plainly names its
 * command (only the root's own options before it), that command alone is registered, and
 * picocli parses exactly as it would with all of them. Any other command line (no command,
 * an unknown word, an option the scan does not know, such as {@code -qc FILE}) gets all of
 * them, so that help, suggestions and errors are the full ones.
 */
final class Subcommands {
    /** Every subcommand, in the order the help lists them. */
    static final List<Class<?>> ALL = List.of(AddCommand.class, GetCommand.class, StatCommand.class, DeleteCommand.class,
            DownloadCommand.class, StoresCommand.class, ProvidersCommand.class, ServeCommand.class, ImageCommand.class);

    private static final Map<String, Class<?>> BY_NAME = Map.of("add", AddCommand.class, "get", GetCommand.class,
            "stat", StatCommand.class, "delete", DeleteCommand.class, "download", DownloadCommand.class,
            "stores", StoresCommand.class, "providers", ProvidersCommand.class, "serve", ServeCommand.class,
            "image", ImageCommand.class);
    private static final Set<String> ROOT_FLAGS = Set.of("-q", "--quiet", "--debug");
    private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("-c", "--config");

    private Subcommands() {}

    /** The subcommands to register for {@code args}: the one they name, else {@link #ALL}. */
    static List<Class<?>> selectedBy(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (ROOT_FLAGS.contains(arg) || arg.startsWith("--config=")) {
                continue;
            }
            if (ROOT_OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
                continue;
            }
            Class<?> named = BY_NAME.get(arg);
            return named == null ? ALL : List.of(named);
        }
        return ALL;
    }
}
