package io.stowage.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.core.Providers;
import io.stowage.StoreProvider;
import io.stowage.download.DownloadHandlerProvider;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code stowage providers}: the backends on the classpath, whatever the config, as
 * {@code {"stores": [{"type", "schemes"}, ...], "downloadHandlers": [{"type", "schemes"}, ...]}}.
 */
@Command(name = "providers", mixinStandardHelpOptions = true,
        description = "Lists the store types and download handlers found on the classpath as JSON.")
final class ProvidersCommand implements Callable<Integer> {
    @ParentCommand
    StowageCommand root;

    @Override
    public Integer call() throws IOException {
        ObjectNode document = Json.object();
        ArrayNode stores = document.putArray("stores");
        for (StoreProvider provider : Providers.storeProviders()) {
            add(stores, provider.type(), provider.schemes());
        }
        ArrayNode handlers = document.putArray("downloadHandlers");
        for (DownloadHandlerProvider provider : Providers.downloadHandlerProviders()) {
            add(handlers, provider.type(), provider.schemes());
        }
        Json.print(root.streams().out(), document);
        return ExitCode.OK.code();
    }

    private static void add(ArrayNode list, String type, Set<String> schemes) {
        ObjectNode node = list.addObject();
        node.put("type", type);
        node.set("schemes", Json.strings(new TreeSet<>(schemes)));
    }
}
