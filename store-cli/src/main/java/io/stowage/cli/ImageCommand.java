package io.stowage.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code stowage image [--api URL[,URL...]] [--token T] [--retries N] COMMAND}: the image client
 * (the compute side of the image service). The API servers come from {@code --api}, else from
 * {@code images.api-servers} in the config, else {@value ImageCommands#DEFAULT_API_SERVER}; the token
 * from {@code --token}, else {@code STOWAGE_IMAGES_TOKEN}. Every command prints one JSON document;
 * exit codes: 3 no such image, 4 conflict, 5 over the size cap or quota, 7 refused, 8 verification
 * failed, 9 no API server reachable.
 *
 * <p>The image commands hold options only and run in {@link ImageCommands}: picocli reads every
 * command class when it starts, and the client's classes are loaded only when an image command runs.
 */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = {"Talks to the image service's API (Glance v2) through a list of API servers, with failover.",
                "Downloads go straight to an image's location when its scheme is allowed, else through the API; verified."},
        subcommands = {ImageCreateCommand.class, ImageUploadCommand.class, ImageDownloadCommand.class,
                ImageShowCommand.class, ImageListCommand.class, ImageDeleteCommand.class, ImageStoresCommand.class})
final class ImageCommand implements Callable<Integer> {
    static final String TOKEN_VARIABLE = "STOWAGE_IMAGES_TOKEN";

    @ParentCommand
    StowageCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--api", paramLabel = "URL", split = ",",
            description = "The API servers (default: images.api-servers of the config, else " + ImageCommands.DEFAULT_API_SERVER + ")")
    List<String> apiServers;

    @Option(names = "--token", paramLabel = "T", description = "The token (default: $" + TOKEN_VARIABLE + ")")
    String token;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "3",
            description = "Retries on the next server after a connection failure, a timeout or a 503 (default: ${DEFAULT-VALUE})")
    int retries;

    @Override
    public Integer call() {
        throw StowageCommand.usage(spec, "Missing command (create, upload, download, show, list, delete, stores)");
    }

    StowageCommand root() {
        return root;
    }

    CommandSpec spec() {
        return spec;
    }
}
