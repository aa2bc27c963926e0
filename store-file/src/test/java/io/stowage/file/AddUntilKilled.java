package io.stowage.file;

import io.stowage.AddOptions;
import io.stowage.ObjectId;
import io.stowage.Store;
import io.stowage.support.SingleByteRead;
import io.stowage.tck.source.Payload;
import java.io.IOException;
import java.io.InputStream;

/**
 * The child process of {@link KillDuringAddTest}: adds an endless-looking object to a data
 * dir, prints {@value #PAUSED} on stdout once {@code pauseAfter} bytes went into the add, and
 * then waits on stdin, which the parent never writes: it kills this process instead.
 *
 * <p>Arguments: data dir, id, pauseAfter.
 */
public final class AddUntilKilled {
    static final String PAUSED = "PAUSED";

    private AddUntilKilled() {}

    public static void main(String[] args) throws Exception {
        String dir = args[0];
        ObjectId id = ObjectId.of(args[1]);
        long pauseAfter = Long.parseLong(args[2]);
        InputStream payload = Payload.of(pauseAfter + 64L * 1024 * 1024, 77).open();
        InputStream source = new InputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                return SingleByteRead.of(this);
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (position == pauseAfter) {
                    System.out.println(PAUSED);
                    System.out.flush();
                    System.in.read(); // blocks until the parent kills us
                    throw new IOException("the parent closed stdin instead of killing this process");
                }
                int n = payload.read(buffer, offset, (int) Math.min(length, pauseAfter - position));
                position += Math.max(n, 0);
                return n;
            }
        };
        try (Store store = new FileStoreProvider().create("victim", FileStoreConfig.ofDirs(dir))) {
            store.add(id, source, AddOptions.defaults());
        }
        System.out.println("FINISHED");
    }
}
