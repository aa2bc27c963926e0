package io.stowage.image.service.nodes;

import io.stowage.core.config.StowageConfig;
import io.stowage.image.service.ImageService;
import java.nio.file.Path;

/**
 * One image-service node as its own process, for the multi-node suites: starts the service on a
 * config file and prints {@code PORT <n>} on stdout once it listens. It runs until killed.
 */
public final class TestNode {
    private TestNode() {}

    public static void main(String[] args) throws Exception {
        ImageService service = ImageService.start(StowageConfig.load(Path.of(args[0])));
        System.out.println("PORT " + service.port());
        System.out.flush();
        service.join();
    }
}
