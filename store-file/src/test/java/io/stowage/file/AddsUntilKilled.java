package io.stowage.file;

import io.stowage.AddOptions;
import io.stowage.ObjectId;
import io.stowage.Store;
import io.stowage.tck.source.Payload;
import io.stowage.tck.source.Sources;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The child process of {@link CrashConsistencyTest}: adds the objects of a {@link #plan} to a
 * data dir one after the other, prints {@value #ADDED} and the id when an add has returned,
 * and prints {@value #KILL_ME} once {@code killAt} bytes of all the objects went into the
 * adds — and goes on writing, so that the SIGKILL the parent sends then lands wherever the
 * adds are by that time: copying, fsyncing, publishing or between two adds. After the last
 * add it prints {@value #FINISHED} and waits on stdin to be killed.
 *
 * <p>Arguments: data dir, plan seed, killAt, buffer size.
 */
public final class AddsUntilKilled {
    static final String ADDED = "ADDED ";
    static final String KILL_ME = "KILL-ME";
    static final String FINISHED = "FINISHED";
    private static final int OBJECTS = 4;

    private AddsUntilKilled() {}

    /** An object of a plan: its id and content. */
    record Planned(ObjectId id, Payload payload) {}

    /** The objects a child with {@code seed} adds, in order: 64 KiB to 1.5 MiB each. */
    static List<Planned> plan(long seed) throws Exception {
        Random random = new Random(seed);
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < OBJECTS; i++) {
            long size = 64 * 1024 + random.nextInt(1536 * 1024 - 64 * 1024);
            plan.add(new Planned(ObjectId.of("crash-" + i), Payload.of(size, random.nextLong())));
        }
        return plan;
    }

    public static void main(String[] args) throws Exception {
        String dir = args[0];
        List<Planned> plan = plan(Long.parseLong(args[1]));
        long killAt = Long.parseLong(args[2]);
        int bufferSize = Integer.parseInt(args[3]);
        long start = 0;
        try (Store store = new FileStoreProvider().create("victim", FileStoreConfig.ofDirs(dir).withBufferSize(bufferSize))) {
            for (Planned planned : plan) {
                long size = planned.payload().size();
                boolean inThisObject = killAt >= start && killAt - start <= size;
                InputStream source = inThisObject
                        ? Sources.actingAfter(planned.payload().open(), killAt - start, AddsUntilKilled::askToBeKilled)
                        : planned.payload().open();
                store.add(planned.id(), source, AddOptions.defaults());
                start += size + 1; // killAt at an object's end names that object only
                System.out.println(ADDED + planned.id());
                System.out.flush();
            }
        }
        System.out.println(FINISHED);
        System.out.flush();
        System.in.read(); // the parent kills us
    }

    private static void askToBeKilled() {
        System.out.println(KILL_ME);
        System.out.flush();
    }
}
