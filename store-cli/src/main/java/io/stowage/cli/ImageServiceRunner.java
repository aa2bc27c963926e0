package io.stowage.cli;

import io.stowage.StoreException;
import io.stowage.core.config.StowageConfig;
import io.stowage.image.service.ImageService;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/** Runs the image service until the JVM is asked to stop, then stops it gracefully. */
final class ImageServiceRunner {
    private ImageServiceRunner() {}

    static int run(StowageConfig config) throws StoreException, InterruptedException {
        ImageService service = ImageService.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread stop = new Thread(() -> {
            try {
                service.close();
            } catch (IOException e) {
                LoggerFactory.getLogger(ImageServiceRunner.class).warn("The image service did not stop cleanly: {}", e.toString());
            } finally {
                stopped.countDown();
            }
        }, "stowage-serve-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        service.join();
        stopped.await();
        return ExitCode.OK.code();
    }
}
