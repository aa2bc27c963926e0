package io.stowage.cli;

import io.stowage.ByteRange;
import io.stowage.Checksum;
import io.stowage.InvalidChecksumException;
import io.stowage.Location;
import io.stowage.ObjectStream;
import io.stowage.ProgressListener;
import io.stowage.StoreException;
import io.stowage.core.StoreRegistry;
import io.stowage.integrity.ContentVerifier;
import io.stowage.integrity.VerifyingInputStream;
import io.stowage.support.AtomicFile;
import io.stowage.support.AtomicFileOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code stowage get [-o FILE] [--offset N] [--length N] [--verify sha256:HEX] LOCATION}: writes
 * the object (or a range of it) to stdout or atomically to FILE.
 *
 * <p>{@code --verify} checks the bytes read (the range, when one is given) while they stream.
 * With {@code -o} a mismatch leaves FILE as it was; on stdout the bytes already written
 * cannot be taken back, so the exit code (8) is what tells the data is bad.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Writes the object at LOCATION (a URI or {\"url\":...,\"metadata\":{...}}) to stdout or FILE.")
final class GetCommand implements Callable<Integer> {
    private static final int COPY_BUFFER = 256 * 1024;
    /** How much one step of a transfer to a channel moves at most: the progress bar moves between steps. */
    private static final long TRANSFER_STEP = 16L * 1024 * 1024;
    /** A {@code get -o} that the user stops (Ctrl-C, SIGTERM) leaves no temp file. */
    private static final AtomicFileOptions OUTPUT_FILE = AtomicFileOptions.builder().removedAtShutdown().build();

    @ParentCommand
    StowageCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write to FILE (appears complete or not at all) instead of stdout")
    Path output;

    @Option(names = "--offset", paramLabel = "N", description = "First byte to read (default 0)")
    Long offset;

    @Option(names = "--length", paramLabel = "N", description = "Bytes to read at most (default: to the end)")
    Long length;

    @Option(names = "--verify", paramLabel = "sha256:HEX",
            description = "Fail (exit 8) unless the bytes read have this checksum (md5:, sha512: too)")
    String verify;

    @Parameters(index = "0", paramLabel = "LOCATION")
    String location;

    @Override
    public Integer call() throws IOException {
        Location parsed = LocationArgument.parse(location);
        ByteRange range = range();
        Optional<Checksum> expected = checksum();
        if (output != null) {
            OutputTarget.check(spec, output);
        }
        try (StoreRegistry stores = root.openStores(); ObjectStream data = stores.get(parsed, range);
                TransferProgress progress = root.progress("get", OptionalLong.of(data.length()))) {
            InputStream in = data;
            if (expected.isPresent()) {
                in = new VerifyingInputStream(data, ContentVerifier.of(parsed.toString(), OptionalLong.of(data.length()),
                        expected, OptionalLong.empty(), Set.of(), ProgressListener.NONE));
            }
            if (output != null) {
                try (AtomicFile file = AtomicFile.create(output, OUTPUT_FILE);
                        EarlyWriteback writeback = new EarlyWriteback(file.channel())) {
                    if (expected.isPresent()) {
                        copy(in, Channels.newOutputStream(file.channel()), progress);
                    } else {
                        transfer(data, file.channel(), progress, writeback);
                    }
                    writeback.finish();
                    file.publish();
                }
            } else if (expected.isEmpty() && data.hasChannelTransfer() && root.streams().outChannel().isPresent()) {
                // The read's failures are store errors: anything else is stdout's.
                root.streams().out().flush();
                try {
                    transfer(data, root.streams().outChannel().get(), progress, null);
                } catch (StoreException e) {
                    throw e;
                } catch (IOException e) {
                    throw new StdoutClosedException(e);
                }
            } else {
                OutputStream out = new StdoutSink(root.streams().out());
                copy(in, out, progress);
                out.flush();
            }
        }
        return ExitCode.OK.code();
    }

    private ByteRange range() {
        if (offset != null && offset < 0) {
            throw StowageCommand.usage(spec, "--offset must not be negative: " + offset);
        }
        if (length != null && length < 0) {
            throw StowageCommand.usage(spec, "--length must not be negative: " + length);
        }
        long from = offset == null ? 0 : offset;
        return length == null ? ByteRange.from(from) : ByteRange.of(from, length);
    }

    private Optional<Checksum> checksum() {
        if (verify == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Checksum.parse(verify));
        } catch (InvalidChecksumException e) {
            throw StowageCommand.usage(spec, "--verify: " + e.getMessage());
        }
    }

    /**
     * Moves the read to {@code target} in steps, so that progress is told between them; from a
     * file store without passing the bytes through the heap (see {@link ObjectStream#transferTo(WritableByteChannel, long)}).
     * After each whole step the target file, when there is one, starts going to the device ({@code writeback}).
     */
    private static void transfer(ObjectStream data, WritableByteChannel target, ProgressListener progress,
            EarlyWriteback writeback) throws IOException {
        long copied = 0;
        long n;
        while ((n = data.transferTo(target, TRANSFER_STEP)) > 0) {
            copied += n;
            progress.transferred(copied);
            if (writeback != null && n == TRANSFER_STEP) {
                writeback.written();
            }
        }
    }

    static void copy(InputStream in, OutputStream out, ProgressListener progress) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        long copied = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            copied += n;
            progress.transferred(copied);
        }
    }
}
