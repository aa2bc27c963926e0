package io.stowage.image.client;

import io.stowage.core.config.StowageConfig;
import io.stowage.image.service.ImageService;
import java.nio.file.Path;

/**
 * An image-service node in a process of its own (what {@code stowage serve} runs): starts the
 * service on the config file named by the only argument, prints {@code listening <port>} on stdout
 * once it accepts requests, and runs until it is killed.
 */
public final class ServiceNodeMain {
    private ServiceNodeMain() {}

    public static void main(String[] args) throws Exception {
        ImageService service = ImageService.start(StowageConfig.load(Path.of(args[0])));
        System.out.println("listening " + service.port());
        System.out.flush();
        service.join();
    }
}
