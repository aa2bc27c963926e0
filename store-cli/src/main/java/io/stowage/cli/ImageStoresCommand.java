package io.stowage.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code stowage image stores}: prints {@code [{"id", "default", "read-only", "description"}, ...]}. */
@Command(name = "stores", mixinStandardHelpOptions = true, description = "Lists the stores the image service offers.")
final class ImageStoresCommand implements Callable<Integer> {
    @ParentCommand
    ImageCommand image;

    @Override
    public Integer call() throws IOException {
        return ImageCommands.stores(image);
    }
}
