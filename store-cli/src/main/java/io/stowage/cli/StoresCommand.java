package io.stowage.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.Capability;
import io.stowage.core.StoreInfo;
import io.stowage.core.StoreRegistry;
import java.io.IOException;
import java.util.EnumSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code stowage stores}: prints {@code [{"name", "type", "schemes", "capabilities", "default"}, ...]}. */
@Command(name = "stores", mixinStandardHelpOptions = true,
        description = "Lists the configured stores as JSON.")
final class StoresCommand implements Callable<Integer> {
    @ParentCommand
    StowageCommand root;

    @Override
    public Integer call() throws IOException {
        try (StoreRegistry stores = root.openStores()) {
            ArrayNode list = Json.array();
            for (StoreInfo info : stores.describe()) {
                ObjectNode node = list.addObject();
                node.put("name", info.name());
                node.put("type", info.type());
                node.set("schemes", Json.strings(new TreeSet<>(info.schemes())));
                ArrayNode capabilities = node.putArray("capabilities");
                (info.capabilities().isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(info.capabilities()))
                        .forEach(capability -> capabilities.add(capability.name()));
                node.put("default", info.isDefault());
            }
            Json.print(root.streams().out(), list);
        }
        return ExitCode.OK.code();
    }
}
