package io.stowage.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code stowage download [--allowed-schemes a,b] -o FILE LOCATION...}: Nova's direct download.
 * The candidates are tried in order through the configured {@code direct-download} handlers
 * (only allowed schemes); when none succeeds the first candidate is read through the
 * configured stores. FILE appears complete and verified, or not at all. Prints
 * {@code {"source": <url or "fallback">, "size", "checksums"}}.
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Copies the object to FILE straight from one of its LOCATIONs when the scheme is allowed,",
                "else reads the first LOCATION through the configured stores. Prints the source as JSON."})
final class DownloadCommand implements Callable<Integer> {
    @ParentCommand
    StowageCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--allowed-schemes", paramLabel = "SCHEMES", split = ",",
            description = "Schemes to fetch directly, replacing direct-download.allowed-schemes of the config (empty: none)")
    List<String> allowedSchemes;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The file to write")
    Path output;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "LOCATION",
            description = "Candidate locations, in order of preference")
    List<String> locations;

    @Override
    public Integer call() throws IOException {
        List<Location> candidates = new ArrayList<>();
        for (String location : locations) {
            candidates.add(LocationArgument.parse(location));
        }
        OutputTarget.check(spec, output);
        StowageConfig config = root.config();
        DirectDownloadConfig directDownload = directDownloadConfig(config);
        try (StoreRegistry stores = StoreRegistry.build(config);
                DirectDownloader downloader = DirectDownloader.fromConfig(directDownload);
                TransferProgress progress = root.progress("download", OptionalLong.empty())) {
            Location first = candidates.get(0);
            DownloadResult result = downloader.download(candidates, output, DownloadOptions.none().withProgress(progress),
                    () -> stores.get(first));
            progress.close();
            ObjectNode node = Json.object();
            node.put("source", result.source().map(Location::url).orElse("fallback"));
            node.put("size", result.size());
            node.set("checksums", Json.checksums(result.checksums()));
            Json.print(root.streams().out(), node);
        }
        return ExitCode.OK.code();
    }

    private DirectDownloadConfig directDownloadConfig(StowageConfig config) {
        if (allowedSchemes == null) {
            return config.directDownload();
        }
        List<String> schemes = allowedSchemes.stream().map(String::strip).filter(scheme -> !scheme.isEmpty()).toList();
        try {
            return config.directDownload().withAllowedSchemes(schemes);
        } catch (IllegalArgumentException e) {
            throw StowageCommand.usage(spec, "Invalid --allowed-schemes: " + e.getMessage());
        }
    }
}
