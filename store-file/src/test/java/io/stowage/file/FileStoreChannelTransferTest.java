package io.stowage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.ContractEnforcingStore;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.OperationInterruptedException;
import io.stowage.Store;
import io.stowage.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file store's read moved to a channel by {@link ObjectStream#transferTo(WritableByteChannel, long)}:
 * through {@link FileChannel#transferTo} from the object's file, with the read's range, and with
 * the failures of the two sides told apart.
 */
class FileStoreChannelTransferTest {
    private static final int SIZE = 3 * 1024 * 1024 + 17;

    @TempDir
    Path root;

    private Store store;
    private byte[] data;
    private StoredObject stored;

    @BeforeEach
    void addAnObject() throws IOException {
        store = ContractEnforcingStore.wrap(new FileStoreProvider().create("local",
                FileStoreConfig.ofDirs(List.of(root.resolve("data").toString()))));
        data = new byte[SIZE];
        new SplittableRandom(5).nextBytes(data);
        stored = store.add(ObjectId.of("object"), new ByteArrayInputStream(data), AddOptions.defaults());
    }

    @AfterEach
    void closeTheStore() throws IOException {
        store.close();
    }

    @Test
    void aRangeGoesToAFileInStepsOfAtMostMaxBytes() throws IOException {
        Path copy = root.resolve("copy");
        long moved = 0;
        List<Long> steps = new java.util.ArrayList<>();
        try (ObjectStream in = store.get(stored.location(), ByteRange.of(1000, SIZE - 2000));
                FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long n;
            while ((n = in.transferTo(out, 1024 * 1024)) > 0) {
                steps.add(n);
                moved += n;
            }
            assertThat(in.position()).isEqualTo(SIZE - 2000);
        }

        assertThat(moved).isEqualTo(SIZE - 2000);
        assertThat(steps).allSatisfy(step -> assertThat(step).isBetween(1L, 1024L * 1024));
        assertThat(Files.readAllBytes(copy)).isEqualTo(Arrays.copyOfRange(data, 1000, SIZE - 1000));
    }

    @Test
    void readsAndTransfersContinueWhereTheOtherLeftOff() throws IOException {
        Path copy = root.resolve("copy");
        try (ObjectStream in = store.get(stored.location(), ByteRange.from(0));
                FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(in.readNBytes(10)));
            while (in.transferTo(out, 100_000) > 0) {
                out.write(ByteBuffer.wrap(in.readNBytes(7)));
            }
        }

        assertThat(Files.readAllBytes(copy)).isEqualTo(data);
    }

    @Test
    void aFailureOfTheTargetPassesThroughAsTheTargetThrewIt() throws IOException {
        IOException full = new IOException("the target is full");
        WritableByteChannel failing = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer source) throws IOException {
                throw full;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {}
        };
        try (ObjectStream in = store.get(stored.location(), ByteRange.from(0))) {
            assertThatThrownBy(() -> in.transferTo(failing, SIZE)).isSameAs(full);
        }
    }

    @Test
    void anInterruptIsTheStoresInterruptError() throws IOException {
        try (ObjectStream in = store.get(stored.location(), ByteRange.from(0));
                FileChannel out = FileChannel.open(root.resolve("copy"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> in.transferTo(out, SIZE)).isInstanceOf(OperationInterruptedException.class)
                        .hasMessageStartingWith("Reading " + stored.location());
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
        }
    }
}
