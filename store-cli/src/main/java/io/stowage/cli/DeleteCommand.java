package io.stowage.cli;

import io.stowage.Location;
import io.stowage.core.StoreRegistry;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code stowage delete LOCATION}: removes the object; a missing one exits 3. Prints nothing. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Removes the object at LOCATION (exit 3 when there is none).")
final class DeleteCommand implements Callable<Integer> {
    @ParentCommand
    StowageCommand root;

    @Parameters(index = "0", paramLabel = "LOCATION")
    String location;

    @Override
    public Integer call() throws IOException {
        Location parsed = LocationArgument.parse(location);
        try (StoreRegistry stores = root.openStores()) {
            stores.delete(parsed);
        }
        return ExitCode.OK.code();
    }
}
