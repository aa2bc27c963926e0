package io.stowage.tck.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Capability;
import io.stowage.Store;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/** The TCK's own network backend for the network fault suite, optionally with a broken client. */
final class LoopbackHttpTckEnvironment implements NetworkFaultTckEnvironment {
    private final LoopbackHttpServer server = new LoopbackHttpServer();
    private final LoopbackHttpStore.Defect defect;

    LoopbackHttpTckEnvironment(LoopbackHttpStore.Defect defect) throws IOException {
        this.defect = defect;
    }

    @Override
    public InetSocketAddress serverAddress() {
        return server.address();
    }

    @Override
    public Store createStore(InetSocketAddress endpoint) {
        return new LoopbackHttpStore(endpoint, 2000, defect);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public void assertEmpty(Store store) {
        assertThat(server.memory().ids()).as("objects on the server").isEmpty();
        // A server thread closes its stream after the client's side is gone: a test that cut or
        // refused connections can end while one is still closing (seen once under load).
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.memory().openStreams() != 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // polls every 10 ms
        }
        assertThat(server.memory().openStreams()).as("server streams not closed within 10 s").isZero();
    }

    /** Small enough to sit in loopback socket buffers, so that a stalled upload blocks in a read, which times out. */
    @Override
    public long objectSize() {
        return 256L * 1024 + 1;
    }

    @Override
    public Duration hangGuard() {
        return Duration.ofSeconds(defect == LoopbackHttpStore.Defect.NO_TIMEOUTS ? 3 : 30);
    }

    @Override
    public void close() {
        server.close();
    }
}
