package io.stowage.bench;

import io.stowage.AddOptions;
import io.stowage.ChecksumAlgorithm;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.core.StoreRegistry;
import io.stowage.StoredObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The file store against raw NIO on the same disk and the same source bytes:
 * <ul>
 *   <li>add (SHA-256 computed, fsync and atomic publish, as always) against the same durable
 *       steps done by hand on one thread without a hash, and with the hash in the same thread
 *       (serial hash-then-write);</li>
 *   <li>get to a null sink against reading the same stored file through
 *       {@code Files.newInputStream} with the same 128 KiB reads the store's stream makes.</li>
 * </ul>
 */
final class FileScenarios implements Scenario {
    @Override
    public BenchOptions.Group group() {
        return BenchOptions.Group.FILE;
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        Path source = context.workspace().source();
        long size = context.workspace().size();
        Path storeDir = context.workspace().dir("file-store");
        Path rawDir = context.workspace().dir("file-raw");
        AtomicInteger sequence = new AtomicInteger();
        try (StoreRegistry stores = StowageConfigs.build(StowageConfigs.fileStore(storeDir))) {
            Contender add = Contender.timedThen("stowage add", () -> {
                ObjectId id = ObjectId.of("add-" + sequence.incrementAndGet());
                try (InputStream in = Files.newInputStream(source)) {
                    return stores.add(id, in, AddOptions.builder().expectedSize(size).build());
                }
            }, added -> {
                stores.delete(added.location());
                return Drain.check("stowage add", added.size(), size);
            });
            Contender raw = rawCopy("raw durable copy", source, rawDir, size, sequence, false);
            Contender serial = rawCopy("serial hash+copy", source, rawDir, size, sequence, true);
            Rounds adds = context.rounds("file add", List.of(add, raw, serial));

            StoredObject stored;
            try (InputStream in = Files.newInputStream(source)) {
                stored = stores.add(ObjectId.of("get-source"), in, AddOptions.builder().expectedSize(size).build());
            }
            Location location = stored.location();
            Path file = Path.of(URI.create(location.url()));
            Contender get = Contender.timed("stowage get", () -> {
                try (ObjectStream in = stores.get(location)) {
                    return Drain.check("stowage get", in.transferTo(OutputStream.nullOutputStream()), size);
                }
            });
            // The same 128 KiB reads as ObjectStream.transferTo (InputStream.transferTo would read 8 KiB at a time).
            Contender plain = Contender.timed("Files.newInputStream", () -> {
                try (InputStream in = Files.newInputStream(file)) {
                    return Drain.check("Files.newInputStream", Drain.drain(in), size);
                }
            });
            Rounds gets = context.quickRounds("file get", List.of(get, plain));
            stores.delete(location);

            String sized = " (" + Sizes.format(size) + ")";
            return List.of(
                    Comparison.row("file add" + sized + " vs raw durable copy", adds, "stowage add", "raw durable copy",
                            Unit.BYTES, Target.atLeast(0.85)),
                    Comparison.row("file add" + sized + " vs serial hash, then write", adds, "stowage add",
                            "serial hash+copy", Unit.BYTES, Target.atLeast(1.10)),
                    Comparison.row("file get" + sized + " to a null sink", gets, "stowage get",
                            "Files.newInputStream", "Files.newInputStream(…), 128 KiB reads", Unit.BYTES, Target.atLeast(0.90)));
        }
    }

    private static Contender rawCopy(String name, Path source, Path dir, long size, AtomicInteger sequence, boolean hash) {
        return Contender.timedThen(name, () -> {
            String file = "raw-" + sequence.incrementAndGet();
            try (InputStream in = Files.newInputStream(source)) {
                Drain.check(name, DurableCopy.copy(in, dir, file,
                        hash ? Optional.of(ChecksumAlgorithm.SHA256.newDigest()) : Optional.empty()), size);
            }
            return dir.resolve(file);
        }, copy -> {
            long copied = Files.size(copy);
            Files.delete(copy);
            return Drain.check(name, copied, size);
        });
    }
}
