package io.stowage.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Image data moved by {@code curl}, the same client for every service compared: a streaming
 * {@code PUT} of a file ({@code -T}) and a {@code GET} to {@code /dev/null}, each timed from the
 * process's start to its exit. {@code Expect: 100-continue} is off, so that no server waits out
 * curl's one-second wait for a 100 it does not send.
 */
final class Curl {
    private Curl() {}

    /** {@code curl -T file -X PUT url} with {@code Content-Type: application/octet-stream}; fails on an HTTP error. */
    static Sample upload(Path cwd, Path file, String url, long size) throws Exception {
        TimedProcess run = TimedProcess.run(cwd, List.of("curl", "-s", "-S", "-f", "-X", "PUT", "-H",
                "Content-Type: application/octet-stream", "-H", "Expect:", "-T", file.toString(),
                "-w", "%{size_upload}", "-o", "/dev/null", url));
        return new Sample(run.nanos(), Drain.check("curl -T " + url, Long.parseLong(run.output().trim()), size));
    }

    /** {@code curl -o /dev/null url}; fails on an HTTP error or when other than {@code size} bytes came. */
    static Sample download(Path cwd, String url, long size) throws Exception {
        TimedProcess run = TimedProcess.run(cwd, List.of("curl", "-s", "-S", "-f", "-o", "/dev/null",
                "-w", "%{size_download}", url));
        return new Sample(run.nanos(), Drain.check("curl " + url, Long.parseLong(run.output().trim()), size));
    }
}
