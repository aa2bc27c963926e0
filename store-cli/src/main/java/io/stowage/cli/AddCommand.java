package io.stowage.cli;

import io.stowage.Store;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.AddOptions;
import io.stowage.ChecksumAlgorithm;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.StoredObject;
import io.stowage.core.StoreRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.apache.commons.io.input.CloseShieldInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code stowage add [--store NAME] [--id ID] [--size N] [--checksum ALG]... (FILE | -)}: streams a
 * file or stdin into a store once and prints
 * {@code {"id", "store", "location", "size", "checksums", "metadata"}}.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Stores FILE (or stdin with -) and prints the stored object as JSON.")
final class AddCommand implements Callable<Integer> {
    @ParentCommand
    StowageCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "NAME", description = "Store to add to (default: the configured default store)")
    String store;

    @Option(names = "--id", paramLabel = "ID", description = "Object id, 1-255 of [A-Za-z0-9._-] (default: a random UUID)")
    String id;

    @Option(names = "--size", paramLabel = "N",
            description = "Declared size in bytes; other data fails the add (default: the size of FILE)")
    Long size;

    @Option(names = "--checksum", paramLabel = "ALG", converter = ChecksumAlgorithmConverter.class,
            description = "Also compute md5 or sha512 (sha256 is always computed); repeatable")
    List<ChecksumAlgorithm> checksums = List.of();

    @Parameters(index = "0", paramLabel = "FILE|-", description = "File to store, or - for stdin")
    String source;

    @Override
    public Integer call() throws IOException {
        ObjectId objectId = id == null ? ObjectId.random() : ObjectId.of(id);
        if (size != null && size < 0) {
            throw StowageCommand.usage(spec, "--size must not be negative: " + size);
        }
        Path file = source.equals("-") ? null : Path.of(source);
        if (file != null && (!Files.exists(file) || Files.isDirectory(file))) {
            throw StowageCommand.usage(spec, "Cannot read " + file + ": "
                    + (Files.isDirectory(file) ? "it is a directory" : "no such file"));
        }
        OptionalLong expectedSize = size != null ? OptionalLong.of(size)
                : file != null && Files.isRegularFile(file) ? OptionalLong.of(Files.size(file)) : OptionalLong.empty();

        try (StoreRegistry stores = root.openStores();
                InputStream data = file == null ? CloseShieldInputStream.wrap(root.streams().in()) : Files.newInputStream(file);
                TransferProgress progress = root.progress("add", expectedSize)) {
            AddOptions.Builder options = AddOptions.builder().progress(progress);
            expectedSize.ifPresent(options::expectedSize);
            checksums.forEach(options::checksum);
            StoredObject stored = store == null
                    ? stores.add(objectId, data, options.build())
                    : stores.add(store, objectId, data, options.build());
            progress.close();
            Json.print(root.streams().out(), render(stored));
        }
        return ExitCode.OK.code();
    }

    private static ObjectNode render(StoredObject stored) {
        Location location = stored.location();
        ObjectNode node = Json.object();
        node.put("id", stored.id().value());
        node.put("store", location.storeName().orElse(""));
        node.put("location", location.url());
        node.put("size", stored.size());
        node.set("checksums", Json.checksums(stored.checksums()));
        node.set("metadata", Json.strings(location.metadata()));
        return node;
    }
}
