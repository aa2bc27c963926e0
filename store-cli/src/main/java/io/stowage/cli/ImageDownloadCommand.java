package io.stowage.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code stowage image download [--allowed-schemes a,b] -o FILE ID}: the image's data to FILE,
 * straight from one of its locations when its scheme is allowed and has a handler (the config's
 * {@code direct-download} section), else through the API; FILE appears complete and verified
 * against the image's size and hash, or not at all. Prints {@code {"id", "source", "size", "checksums"}}.
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Writes the image's data to FILE, straight from its location when the scheme is allowed,",
                "else through the API; verified against the image's size and hash. Prints the source as JSON."})
final class ImageDownloadCommand implements Callable<Integer> {
    @ParentCommand
    ImageCommand image;

    @Mixin
    DirectDownloadOptions direct;

    @Parameters(index = "0", paramLabel = "ID", description = "The image")
    String id;

    @Override
    public Integer call() throws IOException {
        return ImageCommands.download(this);
    }
}
