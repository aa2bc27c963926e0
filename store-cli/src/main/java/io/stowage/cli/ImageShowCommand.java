package io.stowage.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code stowage image show ID}: prints the image document. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Prints the image as JSON.")
final class ImageShowCommand implements Callable<Integer> {
    @ParentCommand
    ImageCommand image;

    @Parameters(index = "0", paramLabel = "ID", description = "The image")
    String id;

    @Override
    public Integer call() throws IOException {
        return ImageCommands.show(image, id);
    }
}
