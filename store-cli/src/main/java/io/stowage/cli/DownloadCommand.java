package io.stowage.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.ByteRange;
import io.stowage.Location;
import io.stowage.core.StoreRegistry;
import io.stowage.core.config.DirectDownloadConfig;
import io.stowage.core.config.StowageConfig;
import io.stowage.core.download.DirectDownloader;
import io.stowage.core.download.DownloadOptions;
import io.stowage.core.download.DownloadResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code stowage download [--allowed-schemes a,b] -o FILE LOCATION...}: Nova's direct download.
 * The candidates are tried in order through the configured {@code direct-download} handlers
 * (only allowed schemes); when none succeeds the candidates are read through the configured
 * stores, the first one that opens. FILE appears complete and verified, or not at all. Prints
 * {@code {"source": <url or "fallback">, "size", "checksums"}}.
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Copies the object to FILE straight from one of its LOCATIONs when the scheme is allowed,",
                "else reads the first LOCATION the configured stores can open. Prints the source as JSON."})
final class DownloadCommand implements Callable<Integer> {
    @ParentCommand
    StowageCommand root;

    @Mixin
    DirectDownloadOptions direct;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "LOCATION",
            description = "Candidate locations, in order of preference")
    List<String> locations;

    @Override
    public Integer call() throws IOException {
        List<Location> candidates = new ArrayList<>();
        for (String location : locations) {
            candidates.add(LocationArgument.parse(location));
        }
        Path output = direct.output();
        StowageConfig config = root.config();
        DirectDownloadConfig directDownload = direct.config(config);
        try (StoreRegistry stores = StoreRegistry.build(config);
                DirectDownloader downloader = DirectDownloader.fromConfig(directDownload);
                TransferProgress progress = root.progress("download", OptionalLong.empty())) {
            DownloadResult result = downloader.download(candidates, output, DownloadOptions.none().withProgress(progress),
                    () -> stores.get(candidates, ByteRange.ALL));
            progress.close();
            ObjectNode node = Json.object();
            node.put("source", result.source().map(Location::url).orElse("fallback"));
            node.put("size", result.size());
            node.set("checksums", Json.checksums(result.checksums()));
            Json.print(root.streams().out(), node);
        }
        return ExitCode.OK.code();
    }
}
