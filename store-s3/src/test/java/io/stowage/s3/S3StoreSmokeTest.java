package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Location;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class S3StoreSmokeTest {
    @Test
    void roundTrips() throws IOException {
        S3TestServer server = S3TestServers.shared();
        String prefix = S3TestServers.uniquePrefix("smoke");
        S3StoreConfig config = server.config().prefix(prefix).multipartThreshold(5 << 20).partSize(5 << 20).build();
        byte[] data = new byte[12 << 20];
        new Random(1).nextBytes(data);
        try (Store store = new S3StoreProvider().create("smoke", config); S3Client admin = S3TestServers.client(server)) {
            StoredObject small = store.add(ObjectId.of("small"), new ByteArrayInputStream(data, 0, 1000), AddOptions.defaults());
            StoredObject large = store.add(ObjectId.of("large"), new ByteArrayInputStream(data), AddOptions.defaults());
            assertThat(large.size()).isEqualTo(data.length);
            try (ObjectStream in = store.get(large.location())) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
            try (ObjectStream in = store.get(small.location(), ByteRange.of(10, 20))) {
                assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 10, 30));
            }
            assertThatThrownBy(() -> store.add(ObjectId.of("small"), new ByteArrayInputStream(data, 0, 10), AddOptions.defaults()))
                    .isInstanceOf(ObjectAlreadyExistsException.class);
            InputStream failing = new InputStream() {
                int n;
                @Override
                public int read() throws IOException {
                    if (n++ > (11 << 20)) {
                        throw new IOException("source broke");
                    }
                    return 7;
                }
            };
            assertThatThrownBy(() -> store.add(ObjectId.of("broken"), failing, AddOptions.defaults()))
                    .hasMessage("source broke");
            assertThat(S3TestServers.uploads(admin, server.bucket(), prefix)).isEmpty();
            store.delete(small.location());
            store.delete(large.location());
            assertThat(S3TestServers.objects(admin, server.bucket(), prefix)).isEmpty();
        }
    }
}
