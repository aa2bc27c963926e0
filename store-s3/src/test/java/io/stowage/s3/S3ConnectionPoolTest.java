package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.AddOptions;
import io.stowage.ObjectId;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.tck.net.TcpFaultProxy;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * The store's two SDK clients (one retrying requests, one sending commits without SDK retries)
 * share one HTTP client, so one connection pool: a caller running one operation after another
 * needs one connection, whichever client sends the request. Counted at a fault proxy that
 * injects no fault.
 */
class S3ConnectionPoolTest {
    private final S3TestServer server = S3TestServers.shared();

    @Test
    void sequentialOperationsOfBothClientsReuseOneConnection() throws Exception {
        try (TcpFaultProxy proxy = TcpFaultProxy.start(
                new InetSocketAddress(server.endpoint().getHost(), server.endpoint().getPort()));
                Store store = new S3StoreProvider().create("pooled", server.config()
                        .endpoint("http://127.0.0.1:" + proxy.port())
                        .prefix(S3TestServers.uniquePrefix("pool"))
                        .build())) {
            // HEAD bucket and HEAD object by the retrying client, PUT by the commit client, HEADs and DELETE again
            StoredObject stored = store.add(ObjectId.of("pooled"), new ByteArrayInputStream(new byte[] {1, 2, 3}),
                    AddOptions.defaults());
            assertThat(store.size(stored.location())).isEqualTo(3);
            store.delete(stored.location());

            assertThat(proxy.connectionsAccepted()).as("connections opened by one sequential caller").isEqualTo(1);
        }
    }
}
