package io.stowage.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stowage image upload [--store S] ID (FILE | -)}: uploads the data of a queued image; prints the image. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = "Uploads the data of a queued image from FILE or stdin (-), then prints the image as JSON.")
final class ImageUploadCommand implements Callable<Integer> {
    @ParentCommand
    ImageCommand image;

    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "S", description = "The store to keep the data in (default: the service's)")
    String store;

    @Parameters(index = "0", paramLabel = "ID", description = "The image")
    String id;

    @Parameters(index = "1", paramLabel = "FILE", description = "The data, or - for stdin")
    String data;

    @Override
    public Integer call() throws IOException {
        return ImageCommands.upload(this);
    }
}
