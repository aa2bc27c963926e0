package io.stowage.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code stowage image create [--name N] [--disk-format F] [--container-format C] [--property k=v]...
 * [--store S] [FILE | -]}: creates an image and, with FILE, uploads its data; prints the image. When
 * the upload fails the image just created is deleted again, so a failed command leaves nothing.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Creates an image, uploads FILE (or stdin, -) as its data when given, and prints it as JSON.")
final class ImageCreateCommand implements Callable<Integer> {
    @ParentCommand
    ImageCommand image;

    @Spec
    CommandSpec spec;

    @Option(names = "--name", paramLabel = "N", description = "The image's name")
    String name;

    @Option(names = "--disk-format", paramLabel = "F", description = "raw, qcow2, iso, ...")
    String diskFormat;

    @Option(names = "--container-format", paramLabel = "C", description = "bare, ovf, ...")
    String containerFormat;

    @Option(names = "--property", paramLabel = "k=v", description = "A property of the image (repeatable)")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--store", paramLabel = "S", description = "The store to upload FILE to (default: the service's)")
    String store;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The data, or - for stdin")
    String data;

    @Override
    public Integer call() throws IOException {
        return ImageCommands.create(this);
    }
}
