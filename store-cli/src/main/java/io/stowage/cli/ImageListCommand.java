package io.stowage.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code stowage image list [--limit N]}: prints the images as one JSON array, written as the pages
 * arrive (memory stays bounded however many there are).
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the images as a JSON array.")
final class ImageListCommand implements Callable<Integer> {
    @ParentCommand
    ImageCommand image;

    @Spec
    CommandSpec spec;

    @Option(names = "--limit", paramLabel = "N", description = "At most N images (default: all)")
    Integer limit;

    @Override
    public Integer call() throws IOException {
        if (limit != null && limit < 1) {
            throw StowageCommand.usage(spec, "--limit must be at least 1: " + limit);
        }
        return ImageCommands.list(image, limit == null ? Integer.MAX_VALUE : limit);
    }
}
