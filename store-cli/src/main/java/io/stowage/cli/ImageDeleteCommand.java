package io.stowage.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code stowage image delete ID}: deletes the image and its data; prints {@code {"id", "status": "deleted"}}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes the image and its data.")
final class ImageDeleteCommand implements Callable<Integer> {
    @ParentCommand
    ImageCommand image;

    @Parameters(index = "0", paramLabel = "ID", description = "The image")
    String id;

    @Override
    public Integer call() throws IOException {
        return ImageCommands.delete(image, id);
    }
}
