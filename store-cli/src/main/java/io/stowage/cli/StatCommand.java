package io.stowage.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.Location;
import io.stowage.core.StoreRegistry;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code stowage stat LOCATION}: prints {@code {"location", "store", "size"}}. */
@Command(name = "stat", mixinStandardHelpOptions = true,
        description = "Prints the store and size of the object at LOCATION as JSON.")
final class StatCommand implements Callable<Integer> {
    @ParentCommand
    StowageCommand root;

    @Parameters(index = "0", paramLabel = "LOCATION")
    String location;

    @Override
    public Integer call() throws IOException {
        Location parsed = LocationArgument.parse(location);
        try (StoreRegistry stores = root.openStores()) {
            String store = stores.routeName(parsed);
            long size = stores.size(parsed);
            ObjectNode node = Json.object();
            node.put("location", parsed.url());
            node.put("store", store);
            node.put("size", size);
            Json.print(root.streams().out(), node);
        }
        return ExitCode.OK.code();
    }
}
