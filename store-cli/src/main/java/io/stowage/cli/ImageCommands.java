package io.stowage.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.InvalidConfigurationException;
import io.stowage.core.config.StowageConfig;
import io.stowage.core.download.DirectDownloader;
import io.stowage.image.client.Image;
import io.stowage.image.client.ImageClient;
import io.stowage.image.client.ImageDownload;
import io.stowage.image.client.ImageStore;
import io.stowage.image.client.NewImage;
import io.stowage.image.client.UploadData;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the {@code image} commands do, with the image client. Kept apart from the command classes,
 * which picocli reads on every start, so that the client is loaded only by an image command.
 */
final class ImageCommands {
    static final String DEFAULT_API_SERVER = ImageClient.DEFAULT_API_SERVER;
    private static final int LIST_PAGE = 100;

    private ImageCommands() {}

    static int create(ImageCreateCommand command) throws IOException {
        NewImage.Builder attributes = NewImage.builder();
        Optional.ofNullable(command.name).ifPresent(attributes::name);
        Optional.ofNullable(command.diskFormat).ifPresent(attributes::diskFormat);
        Optional.ofNullable(command.containerFormat).ifPresent(attributes::containerFormat);
        try {
            command.properties.forEach(attributes::attribute);
        } catch (IllegalArgumentException e) {
            throw StowageCommand.usage(command.spec, "Invalid --property: " + e.getMessage());
        }
        Optional<UploadData> upload = command.data == null ? Optional.empty() : Optional.of(data(command.image, command.data));
        try (ImageClient client = openClient(command.image, command.image.root().config(), Optional.empty())) {
            Image created = client.create(attributes.build());
            if (upload.isPresent()) {
                created = uploadOrDelete(client, created, upload.get(), Optional.ofNullable(command.store));
            }
            print(command.image, image(created));
        }
        return ExitCode.OK.code();
    }

    /** Uploads to an image just created; when that fails, the image is deleted again, so the command leaves nothing. */
    private static Image uploadOrDelete(ImageClient client, Image created, UploadData upload, Optional<String> store)
            throws IOException {
        try {
            return client.upload(created.id(), upload, store);
        } catch (IOException | RuntimeException e) {
            try {
                client.delete(created.id());
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    static int upload(ImageUploadCommand command) throws IOException {
        UploadData upload = data(command.image, command.data);
        try (ImageClient client = openClient(command.image, command.image.root().config(), Optional.empty())) {
            print(command.image, image(client.upload(command.id, upload, Optional.ofNullable(command.store))));
        }
        return ExitCode.OK.code();
    }

    static int download(ImageDownloadCommand command) throws IOException {
        java.nio.file.Path output = command.direct.output();
        StowageCommand root = command.image.root();
        StowageConfig config = root.config();
        try (DirectDownloader downloader = DirectDownloader.fromConfig(command.direct.config(config));
                ImageClient client = openClient(command.image, config, Optional.of(downloader));
                TransferProgress progress = root.progress("download", OptionalLong.empty())) {
            ImageDownload download = client.download(command.id, output, progress);
            progress.close();
            ObjectNode node = Json.object();
            node.put("id", download.id());
            node.put("source", download.source());
            node.put("size", download.size());
            node.set("checksums", Json.checksums(download.checksums()));
            print(command.image, node);
        }
        return ExitCode.OK.code();
    }

    static int show(ImageCommand command, String id) throws IOException {
        try (ImageClient client = openClient(command, command.root().config(), Optional.empty())) {
            print(command, image(client.show(id)));
        }
        return ExitCode.OK.code();
    }

    /** Prints the images as one JSON array, written as the pages arrive. */
    static int list(ImageCommand command, int limit) throws IOException {
        PrintStream stdout = command.root().streams().out();
        try (ImageClient client = openClient(command, command.root().config(), Optional.empty())) {
            Iterator<Image> images = client.list(Math.min(limit, LIST_PAGE));
            Writer out = new OutputStreamWriter(stdout, StandardCharsets.UTF_8);
            JsonGenerator json = Json.mapper().getFactory().createGenerator(out);
            json.writeStartArray();
            for (int listed = 0; listed < limit && images.hasNext(); listed++) {
                Json.mapper().writeTree(json, image(images.next()));
            }
            json.writeEndArray();
            json.flush();
            out.write(System.lineSeparator());
            out.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (stdout.checkError()) {
            throw new StdoutClosedException();
        }
        return ExitCode.OK.code();
    }

    static int delete(ImageCommand command, String id) throws IOException {
        try (ImageClient client = openClient(command, command.root().config(), Optional.empty())) {
            client.delete(id);
        }
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("status", "deleted");
        print(command, node);
        return ExitCode.OK.code();
    }

    /** Prints {@code [{"id", "default", "read-only", "description"}, ...]}. */
    static int stores(ImageCommand command) throws IOException {
        ArrayNode stores = Json.array();
        try (ImageClient client = openClient(command, command.root().config(), Optional.empty())) {
            for (ImageStore store : client.stores()) {
                ObjectNode node = stores.addObject();
                node.put("id", store.id());
                node.put("default", store.isDefault());
                node.put("read-only", store.readOnly());
                node.put("description", store.description());
            }
        }
        print(command, stores);
        return ExitCode.OK.code();
    }

    /** A client for the API servers of {@code --api}, else the config's, else the default one. */
    private static ImageClient openClient(ImageCommand command, StowageConfig config, Optional<DirectDownloader> downloader)
            throws InvalidConfigurationException {
        if (command.retries < 0) {
            throw StowageCommand.usage(command.spec(), "--retries cannot be negative: " + command.retries);
        }
        ImageClient.Builder builder = ImageClient.builder().apiServers(servers(command, config)).retries(command.retries);
        Optional.ofNullable(command.token).or(() -> Optional.ofNullable(System.getenv(ImageCommand.TOKEN_VARIABLE)))
                .filter(value -> !value.isEmpty())
                .ifPresent(builder::token);
        downloader.ifPresent(builder::directDownloader);
        return builder.build();
    }

    private static List<String> servers(ImageCommand command, StowageConfig config) throws InvalidConfigurationException {
        if (command.apiServers != null) {
            return command.apiServers.stream().map(String::strip).filter(server -> !server.isEmpty()).toList();
        }
        Object configured = config.images().get("api-servers");
        if (configured == null) {
            return List.of(DEFAULT_API_SERVER);
        }
        List<String> servers = new ArrayList<>();
        if (configured instanceof List<?> list) {
            list.forEach(server -> servers.add(server instanceof String text ? text : ""));
        }
        if (servers.isEmpty() || servers.contains("")) {
            throw new InvalidConfigurationException("Invalid configuration of images: key 'api-servers' expects a list of URLs");
        }
        return servers;
    }

    /** The data argument: a FILE, or {@code -} for stdin (read once). */
    private static UploadData data(ImageCommand command, String argument) throws IOException {
        if (argument.equals("-")) {
            return UploadData.ofStream(command.root().streams().in(), OptionalLong.empty());
        }
        java.nio.file.Path file = java.nio.file.Path.of(argument);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw StowageCommand.usage(command.spec(), "Cannot read " + argument + ": not a file");
        }
        return UploadData.ofFile(file);
    }

    private static ObjectNode image(Image image) {
        return Json.mapper().valueToTree(image.attributes());
    }

    private static void print(ImageCommand command, JsonNode document) throws IOException {
        Json.print(command.root().streams().out(), document);
    }
}
