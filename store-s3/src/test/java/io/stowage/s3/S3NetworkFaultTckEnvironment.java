package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Capability;
import io.stowage.Store;
import io.stowage.tck.net.NetworkFaultTckEnvironment;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;

/**
 * The S3 store as the TCK's network fault suite sees it: the TCK environment's store (prefix of
 * its own, multipart above 1 MiB in 5 MiB parts) talking to the server through the fault proxy,
 * with a 500 ms read timeout, a 1 s connect timeout and two retries. Objects of 6 MiB + 17
 * bytes, so every add is a multipart upload of two parts: a cut can land in either part, the
 * completion or a read. Empty means what it means for the contract: no object under the
 * prefix, no multipart upload in progress, no stream still open.
 */
final class S3NetworkFaultTckEnvironment implements NetworkFaultTckEnvironment {
    private final S3TckEnvironment tck = new S3TckEnvironment();

    @Override
    public InetSocketAddress serverAddress() {
        return new InetSocketAddress(tck.server().endpoint().getHost(), tck.server().endpoint().getPort());
    }

    @Override
    public Store createStore(InetSocketAddress endpoint) throws Exception {
        return new S3StoreProvider().create("fault-s3", tck.config().toBuilder()
                .endpoint("http://127.0.0.1:" + endpoint.getPort())
                .readTimeout(Duration.ofMillis(500))
                .connectTimeout(Duration.ofSeconds(1))
                .retries(2)
                .build());
    }

    @Override
    public Set<Capability> capabilities() {
        return tck.profile().capabilities();
    }

    @Override
    public void assertEmpty(Store store) {
        tck.assertEmpty(store);
        assertThat(tck.openResources(store)).as("streams of the store not closed").isZero();
    }

    @Override
    public long objectSize() {
        return tck.largeSize();
    }

    @Override
    public void close() {
        tck.close();
    }
}
