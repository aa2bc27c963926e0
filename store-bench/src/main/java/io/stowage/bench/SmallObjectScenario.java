package io.stowage.bench;

import io.stowage.AddOptions;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.core.StoreRegistry;
import io.stowage.StoredObject;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 4 KiB objects, one cycle = add, get (read back whole) and delete, on one thread: the file
 * store against raw NIO doing the same durable steps. The store's add writes a temp file,
 * fsyncs it, publishes it (hard link, then the temp name removed) and fsyncs the dir; its
 * delete removes the file and fsyncs the dir. The baseline writes a temp file, fsyncs it,
 * renames it into place and fsyncs the dir; reads it back; deletes it and fsyncs the dir. So
 * both sides pay three fsyncs per cycle, and the ratio shows what the store adds on top of them
 * (checks, SHA-256, lock, link).
 */
final class SmallObjectScenario implements Scenario {
    static final int OBJECT_SIZE = 4096;

    @Override
    public BenchOptions.Group group() {
        return BenchOptions.Group.SMALL;
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        int count = context.options().smallObjects();
        byte[] data = new byte[OBJECT_SIZE];
        new SplittableRandom(11).nextBytes(data);
        Path storeDir = context.workspace().dir("small-store");
        Path rawDir = context.workspace().dir("small-raw");
        AtomicInteger sequence = new AtomicInteger();
        try (StoreRegistry stores = StowageConfigs.build(StowageConfigs.fileStore(storeDir))) {
            AddOptions options = AddOptions.builder().expectedSize(OBJECT_SIZE).build();
            Contender stowage = Contender.timed("stowage", () -> {
                for (int i = 0; i < count; i++) {
                    StoredObject stored = stores.add(ObjectId.of("small-" + sequence.incrementAndGet()),
                            new ByteArrayInputStream(data), options);
                    try (ObjectStream in = stores.get(stored.location())) {
                        requireSame(in.readAllBytes(), data);
                    }
                    stores.delete(stored.location());
                }
                return count;
            });
            Contender raw = Contender.timed("raw NIO", () -> {
                for (int i = 0; i < count; i++) {
                    String name = "small-" + sequence.incrementAndGet();
                    Path temp = rawDir.resolve("." + name + ".tmp");
                    Path file = rawDir.resolve(name);
                    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        ByteBuffer buffer = ByteBuffer.wrap(data);
                        while (buffer.hasRemaining()) {
                            out.write(buffer);
                        }
                        out.force(true);
                    }
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                    Workspace.syncDir(rawDir);
                    requireSame(Files.readAllBytes(file), data);
                    Files.delete(file);
                    Workspace.syncDir(rawDir);
                }
                return count;
            });
            Rounds rounds = context.rounds("small objects", List.of(stowage, raw));
            return List.of(Comparison.row("small objects: 4 KiB add+get+delete", rounds, "stowage", "raw NIO",
                    "raw NIO (write, fsync, rename, read, delete)", Unit.OPERATIONS, Target.atLeast(0.80)));
        }
    }

    private static void requireSame(byte[] read, byte[] written) {
        if (!Arrays.equals(read, written)) {
            throw new IllegalStateException("a small object read back differs from what was written");
        }
    }
}
