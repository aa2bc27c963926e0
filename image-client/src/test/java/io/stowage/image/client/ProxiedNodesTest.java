package io.stowage.image.client;

import io.stowage.tck.net.TcpFaultProxy;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two image-service nodes for the tests of a class, each behind a fault proxy of its own for each
 * test ({@link #first}, {@link #second}), fresh and healthy, that counts what passes.
 */
abstract class ProxiedNodesTest {
    @TempDir
    static Path dir;

    static ServiceNodes nodes;
    TcpFaultProxy first;
    TcpFaultProxy second;

    @BeforeAll
    static void startNodes() throws Exception {
        nodes = ServiceNodes.start(dir.resolve("service"), 2);
    }

    @AfterAll
    static void stopNodes() throws Exception {
        nodes.close();
    }

    @BeforeEach
    void startProxies() throws Exception {
        first = Loopback.proxyFor(nodes.node(0));
        second = Loopback.proxyFor(nodes.node(1));
    }

    @AfterEach
    void stopProxies() throws Exception {
        first.close();
        second.close();
    }
}
