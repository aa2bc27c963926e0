package io.stowage.core.download;

import static java.util.Objects.requireNonNull;

import io.stowage.InvalidConfigurationException;
import io.stowage.Location;
import io.stowage.Settings;
import io.stowage.StoreException;
import io.stowage.core.Providers;
import io.stowage.core.config.DirectDownloadConfig;
import io.stowage.download.DownloadHandler;
import io.stowage.download.DownloadHandlerProvider;
import io.stowage.integrity.ContentVerifier;
import io.stowage.integrity.VerifiedContent;
import io.stowage.integrity.VerifyingInputStream;
import io.stowage.support.AtomicFile;
import io.stowage.support.AtomicFileOptions;
import io.stowage.support.ChannelWriteException;
import io.stowage.support.DaemonThreads;
import io.stowage.support.PipelinedCopy;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches an object straight from one of its locations when the scheme is allowed, else
 * through a fallback (Nova's direct-download path, with its faults fixed).
 *
 * <p>{@link #download} tries the candidates in the given order, each location at most once,
 * and only those whose scheme is allowed (case-insensitively) and has a handler; a
 * disallowed scheme never reaches any handler. A handler failure is logged and the next
 * candidate is tried. What a handler wrote is verified against the expected size and
 * checksum before it counts (by the handler as it copies, when it can, else by reading the
 * file back); a mismatch is a failure of that candidate. The fallback runs only when no
 * candidate succeeded. The target appears atomically and only verified ({@link AtomicFile},
 * owner-only where the filesystem has POSIX permissions); on failure it is left as it was and no
 * temp file remains, unless only the directory sync after the target got its name failed: the
 * error then says that the target is in place.
 *
 * <p>The fallback's data is copied by a {@link PipelinedCopy}: the calling thread receives it
 * and writes it to the temp file while the copy's other thread verifies the previous buffer and,
 * every 16 MiB, starts the device's write-back; receiving and hashing overlap instead of taking
 * turns, and the fsync at publish finds little left to write. A download holds at most 4 buffers
 * of 256 KiB (buffers of 1 MiB measured far more system time per byte on the project machine).
 */
public final class DirectDownloader implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectDownloader.class);
    private static final int COPY_BUFFER = 256 * 1024;
    private static final int COPY_BUFFERS = 4;
    /** Private to the owner until the caller makes it otherwise, as {@link Files#createTempFile} would. */
    private static final AtomicFileOptions TARGET = AtomicFileOptions.builder().ownerOnly().build();

    private final AllowedSchemes allowed;
    private final Map<String, DownloadHandler> handlers;
    private final ExecutorService writerThreads = DaemonThreads.onDemand("stowage-download-writer-");
    private final PipelinedCopy copy = new PipelinedCopy(COPY_BUFFER, COPY_BUFFERS, writerThreads);

    private DirectDownloader(AllowedSchemes allowed, Map<String, DownloadHandler> handlers) {
        this.allowed = allowed;
        this.handlers = handlers;
    }

    /**
     * A downloader over ready handlers, keyed by scheme. Handlers for schemes that are not
     * allowed are never called.
     *
     * @param allowed the schemes allowed
     * @param handlersByScheme the handlers, by lower-case scheme
     * @return the downloader, to close (it closes the handlers)
     */
    public static DirectDownloader of(AllowedSchemes allowed, Map<String, ? extends DownloadHandler> handlersByScheme) {
        requireNonNull(allowed, "allowed is null");
        Map<String, DownloadHandler> usable = new LinkedHashMap<>();
        handlersByScheme.forEach((scheme, handler) -> {
            if (allowed.allows(scheme)) {
                usable.put(scheme.toLowerCase(java.util.Locale.ROOT), requireNonNull(handler, "handler is null"));
            }
        });
        return new DirectDownloader(allowed, Map.copyOf(usable));
    }

    /**
     * Builds from config with the handler providers on the classpath; see
     * {@link #fromConfig(DirectDownloadConfig, Collection)}.
     *
     * @param config the {@code direct-download} section
     * @return the downloader, to close
     * @throws StoreException if the config is invalid or a handler cannot be created
     */
    public static DirectDownloader fromConfig(DirectDownloadConfig config) throws StoreException {
        return fromConfig(config, Providers.downloadHandlerProviders());
    }

    /**
     * Builds from config: only handlers for allowed schemes are created, and every problem
     * (a handler config for an unknown type, an allowed scheme without a handler, a handler
     * that cannot be created) is a {@link InvalidConfigurationException} now, not at download time.
     *
     * @param config the {@code direct-download} section
     * @param providers the handler providers, one per type
     * @return the downloader, to close
     * @throws StoreException if the config is invalid or a handler cannot be created
     */
    public static DirectDownloader fromConfig(DirectDownloadConfig config,
            Collection<? extends DownloadHandlerProvider> providers) throws StoreException {
        requireNonNull(config, "config is null");
        Map<String, DownloadHandlerProvider> byType = new LinkedHashMap<>();
        providers.forEach(provider -> byType.put(provider.type(), provider));
        for (String type : config.handlers().keySet()) {
            if (!byType.containsKey(type)) {
                throw new InvalidConfigurationException("Invalid configuration of direct-download: unknown handler type '" + type
                        + "' (available: " + String.join(", ", new TreeSet<>(byType.keySet())) + ")");
            }
        }
        AllowedSchemes allowed = AllowedSchemes.of(config.allowedSchemes());
        Map<String, DownloadHandler> handlers = new LinkedHashMap<>();
        try {
            for (DownloadHandlerProvider provider : byType.values()) {
                if (provider.schemes().stream().noneMatch(allowed::allows)) {
                    continue;
                }
                Settings settings = Settings.of("download handler '" + provider.type() + "'",
                        config.handlers().getOrDefault(provider.type(), Map.of()));
                DownloadHandler handler = create(provider, settings);
                provider.schemes().stream().filter(allowed::allows).forEach(scheme -> handlers.put(scheme, handler));
            }
            for (String scheme : config.allowedSchemes()) {
                if (!handlers.containsKey(scheme)) {
                    Set<String> known = new TreeSet<>();
                    byType.values().forEach(provider -> known.addAll(provider.schemes()));
                    throw new InvalidConfigurationException("Invalid configuration of direct-download: allowed scheme '" + scheme
                            + "' has no download handler (handled schemes: " + String.join(", ", known) + ")");
                }
            }
        } catch (StoreException | RuntimeException e) {
            closeAll(new HashSet<>(handlers.values()), e);
            throw e;
        }
        return new DirectDownloader(allowed, Map.copyOf(handlers));
    }

    private static DownloadHandler create(DownloadHandlerProvider provider, Settings settings) throws StoreException {
        try {
            return requireNonNull(provider.create(settings),
                    "provider returned no handler");
        } catch (RuntimeException e) {
            throw new InvalidConfigurationException("Download handler '" + provider.type() + "' could not be created: "
                    + e.getMessage(), e);
        }
    }

    /** {@return the schemes this downloader may use} */
    public AllowedSchemes allowedSchemes() {
        return allowed;
    }

    /**
     * Whether a candidate with this scheme would be handed to a handler.
     *
     * @param scheme the scheme, any case
     * @return whether it is allowed and has a handler
     */
    public boolean canDownload(String scheme) {
        return allowed.allows(scheme) && handlers.containsKey(scheme.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Downloads without a fallback: fails when no candidate succeeds.
     *
     * @param candidates the locations of the object, in the order to try
     * @param target the file to create; it appears only verified and complete
     * @param options what the file must be
     * @return which candidate served it, its size and checksums
     * @throws IOException if no candidate succeeded (their failures attached as suppressed) or the target
     *     cannot be written
     */
    public DownloadResult download(List<Location> candidates, Path target, DownloadOptions options) throws IOException {
        return download(candidates, target, options, Optional.empty());
    }

    /**
     * Downloads, using {@code fallback} only when no candidate succeeded.
     *
     * @param candidates the locations of the object, in the order to try
     * @param target the file to create; it appears only verified and complete
     * @param options what the file must be
     * @param fallback the read used when no candidate succeeded
     * @return which candidate served it (empty for the fallback), its size and checksums
     * @throws IOException if the fallback failed too, or the target cannot be written
     */
    public DownloadResult download(List<Location> candidates, Path target, DownloadOptions options, Fallback fallback)
            throws IOException {
        return download(candidates, target, options, Optional.of(requireNonNull(fallback, "fallback is null")));
    }

    private DownloadResult download(List<Location> candidates, Path target, DownloadOptions options,
            Optional<Fallback> fallback) throws IOException {
        requireNonNull(candidates, "candidates is null");
        requireNonNull(target, "target is null");
        requireNonNull(options, "options is null");
        List<Exception> failures = new ArrayList<>();
        Set<URI> tried = new HashSet<>();
        AtomicFile file = AtomicFile.create(target, TARGET);
        try (file) {
            for (Location candidate : candidates) {
                if (!tried.add(candidate.uri()) || !canDownload(candidate.scheme())) {
                    continue;
                }
                Optional<VerifiedContent> content = tryCandidate(candidate, file, options, failures);
                if (content.isPresent()) {
                    file.publish();
                    return new DownloadResult(Optional.of(candidate), content.get().size(), content.get().checksums());
                }
            }
            if (fallback.isEmpty()) {
                throw noFallback(failures);
            }
            file.truncate();
            VerifiedContent content = copyFallback(fallback.get(), file.temp(), options);
            file.publish();
            return new DownloadResult(Optional.empty(), content.size(), content.checksums());
        } catch (IOException | RuntimeException | Error e) {
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    private Optional<VerifiedContent> tryCandidate(Location candidate, AtomicFile file, DownloadOptions options,
            List<Exception> failures) throws IOException {
        try {
            file.truncate();
            Optional<VerifiedContent> verified = handlers.get(candidate.scheme())
                    .download(candidate, file.temp(), options.expectation());
            if (verified.isPresent()) {
                return verified;
            }
            // The device writes the file back while the verification reads it from the page cache.
            try (BackgroundSync sync = BackgroundSync.start(file)) {
                VerifiedContent content = verify(file.temp(), candidate.toString(), options);
                sync.await();
                return Optional.of(content);
            }
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            LOG.warn("Direct download from {} failed, trying the next source: {}", candidate, describe(e));
            failures.add(e);
            return Optional.empty();
        }
    }

    private static VerifiedContent verify(Path file, String subject, DownloadOptions options) throws IOException {
        ContentVerifier verifier = verifier(subject, options);
        // A VerifyingInputStream leaves its source open: the file is closed here.
        try (InputStream written = Files.newInputStream(file)) {
            new VerifyingInputStream(written, verifier).transferTo(OutputStream.nullOutputStream());
        }
        return verifier.finish();
    }

    /**
     * Copies the fallback's data into the temp file on the calling thread, while the copy's writer
     * thread verifies each buffer once it is written (and starts the device's write-back every 16
     * MiB). The temp file is opened afresh by its name: a handler that failed may have replaced it,
     * and what is published is the file of that name. A failure of the file passes as the file
     * threw it; data the verifier refuses fails with the verifier's error.
     */
    private VerifiedContent copyFallback(Fallback fallback, Path temp, DownloadOptions options) throws IOException {
        ContentVerifier verifier = verifier("the fallback read", options);
        try (InputStream source = fallback.open();
                FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            copy.copy(new WritingInputStream(source, out, options.progress()), new VerifyingChannel(verifier),
                    () -> out.force(false));
        } catch (ChannelWriteException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw cause instanceof IOException failed ? failed : e;
        } catch (RejectedExecutionException e) {
            throw new StoreException("Direct download failed: the downloader is closed", e);
        }
        return verifier.finish();
    }

    private static ContentVerifier verifier(String subject, DownloadOptions options) {
        return options.expectation().verifier(subject, io.stowage.ProgressListener.NONE);
    }

    private StoreException noFallback(List<Exception> failures) {
        String reason = failures.isEmpty()
                ? "no candidate has an allowed scheme with a handler (allowed: " + allowed + ")"
                : failures.size() + " candidate(s) failed";
        return new StoreException("Direct download failed: " + reason + ", and there is no fallback");
    }

    private static String describe(Exception e) {
        return e instanceof StoreException || e.getMessage() == null
                ? String.valueOf(e.getMessage())
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * Closes the handlers and lets the fallback's copy threads end; a fallback copy of more than
     * one buffer started afterwards fails.
     */
    @Override
    public void close() throws IOException {
        writerThreads.shutdown();
        IOException failure = null;
        for (DownloadHandler handler : new HashSet<>(handlers.values())) {
            try {
                handler.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void closeAll(Set<DownloadHandler> handlers, Exception primary) {
        for (DownloadHandler handler : handlers) {
            try {
                handler.close();
            } catch (IOException | RuntimeException e) {
                primary.addSuppressed(e);
            }
        }
    }
}
