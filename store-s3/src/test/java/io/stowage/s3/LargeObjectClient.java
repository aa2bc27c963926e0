package io.stowage.s3;

import io.stowage.AddOptions;
import io.stowage.ContractEnforcingStore;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoredObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The client side of {@link LargeObjectIT}, run in its own JVM (with {@code -Xmx128m}): adds a
 * generated object of unknown size through an S3 store with the default upload settings, reads
 * it back through the store, and prints one line with the SHA-256 of what it generated, what the
 * store computed, what it read back, and the peak heap use.
 *
 * <p>Arguments: endpoint bucket prefix size. The keys come from the environment
 * ({@code S3_TEST_ACCESS_KEY}, {@code S3_TEST_SECRET_KEY}), never from the command line.
 */
final class LargeObjectClient {
    private LargeObjectClient() {}

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        String bucket = args[1];
        String prefix = args[2];
        long size = Long.parseLong(args[3]);
        S3StoreConfig config = S3StoreConfig.builder(bucket)
                .endpoint(endpoint)
                .pathStyle()
                .prefix(prefix)
                .credentials(System.getenv("S3_TEST_ACCESS_KEY"), System.getenv("S3_TEST_SECRET_KEY"))
                .build();
        try (Store store = ContractEnforcingStore.wrap(new S3StoreProvider().create("large", config))) {
            GeneratedData source = new GeneratedData(size, 42);
            StoredObject stored = store.add(ObjectId.of("large-object"), source, AddOptions.defaults());
            MessageDigest read = io.stowage.ChecksumAlgorithm.SHA256.newDigest();
            long readBytes = 0;
            try (ObjectStream in = store.get(stored.location())) {
                byte[] buffer = new byte[256 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    read.update(buffer, 0, n);
                    readBytes += n;
                }
            }
            store.delete(stored.location());
            System.out.println("RESULT generated=" + source.produced() + " stored=" + stored.size() + " read=" + readBytes
                    + " sha256Generated=" + source.sha256() + " sha256Stored=" + stored.checksums().sha256()
                    + " sha256Read=" + HexFormat.of().formatHex(read.digest()) + " peakHeapMiB=" + peakHeapMiB()
                    + " maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }
}
