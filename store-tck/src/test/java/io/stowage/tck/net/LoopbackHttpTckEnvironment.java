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
        assertThat(server.memory().openStreams()).as("server streams not closed").isZero();
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
