package io.stowage.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code stowage serve}: runs the image service in the foreground on the config's stores and its
 * {@code images} section (with no config file: the embedded default, listening on
 * {@code 127.0.0.1:9292} with the registry in {@code ./stowage-data/images.db}). Stops gracefully on
 * SIGTERM or Ctrl-C.
 *
 * <p>The service's classes (Jetty, the JDBC driver, Flyway) are loaded only here, through
 * {@link ImageServiceRunner}: the other commands start as fast as before.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the image service (Glance v2 API) in the foreground until SIGTERM or Ctrl-C.",
                "Settings come from the 'images' section of the config file."})
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    StowageCommand root;

    @Override
    public Integer call() throws Exception {
        return ImageServiceRunner.run(root.config());
    }
}
