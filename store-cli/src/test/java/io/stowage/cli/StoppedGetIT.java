package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code stowage get -o FILE} stopped with SIGTERM (as Ctrl-C stops it) while the data is
 * still coming leaves neither FILE nor a temp file beside it. The data comes from an http
 * location whose server sends part of the body, then holds the rest until the test ends.
 */
class StoppedGetIT {
    private static final int SIZE = 8 * 1024 * 1024;
    private static final int SENT = 1024 * 1024;
    /** What a JVM stopped by SIGTERM exits with on Unix. */
    private static final int TERMINATED = 128 + 15;

    @TempDir
    Path temp;

    private final CountDownLatch release = new CountDownLatch(1);
    private Server jetty;
    private int port;

    /** Answers every request for {@value #SIZE} bytes; a GET gets {@value #SENT} of them, then waits for {@link #release}. */
    private final class StallingHandler extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, SIZE);
            if (HttpMethod.HEAD.is(request.getMethod())) {
                callback.succeeded();
                return true;
            }
            OutputStream body = Content.Sink.asOutputStream(response);
            body.write(new byte[SENT]);
            body.flush();
            release.await(5, TimeUnit.MINUTES);
            callback.failed(new IOException("the test is over"));
            return true;
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(new StallingHandler());
        jetty.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stopServer() throws Exception {
        release.countDown();
        jetty.stop();
    }

    @Test
    void aStoppedGetLeavesNoFileAndNoTempFile() throws Exception {
        Path root = temp.toRealPath();
        Path out = Files.createDirectories(root.resolve("out"));
        Path config = TestConfigs.write(root, "stowage.yaml",
                "stores:\n  web: { type: http, retries: 0, allowedHosts: [\"127.0.0.1:" + port + "\"] }\n");
        ForkedCli cli = new ForkedCli(root, Map.of());

        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            out.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            ForkedCli.Started get = cli.start("-c", config.toString(), "get", "-o", out.resolve("image.raw").toString(),
                    "http://127.0.0.1:" + port + "/image.raw");
            get.closeStdin();
            try {
                String created = awaitCreated(watcher);
                assertThat(created).startsWith(".image.raw.").endsWith(".part");
                assertThat(get.process().isAlive()).as("the get, waiting for the rest of the data").isTrue();

                get.process().toHandle().destroy(); // SIGTERM, as a Ctrl-C's SIGINT

                assertThat(get.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
                assertThat(get.process().exitValue()).as("stopped by SIGTERM").isEqualTo(TERMINATED);
            } finally {
                get.process().destroyForcibly();
            }
            get.finish();
        }
        assertThat(AddGetStatDeleteTest.listing(out)).as("what the stopped get left").isEmpty();
    }

    /** The name of the first entry created in the watched dir; fails after a minute. */
    private static String awaitCreated(WatchService watcher) throws InterruptedException {
        WatchKey key = watcher.poll(1, TimeUnit.MINUTES);
        assertThat(key).as("a file created in the output dir within a minute").isNotNull();
        WatchEvent<?> event = key.pollEvents().get(0);
        return event.context().toString();
    }
}
