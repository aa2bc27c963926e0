/**
 * Helpers that Stowage's own modules share and a backend may use, so that none of them is
 * written twice. They depend on the JDK and store-api only, fail in the
 * {@link io.stowage.StoreException} family, and are not part of the store SPI: nothing in
 * {@link io.stowage.Store} refers to them.
 * <ul>
 *   <li>{@link io.stowage.support.AtomicFile}: the one implementation of "write a temp file
 *       beside the target, force it to the device, give it the target's name atomically, force
 *       the directory, and remove the temp file on every failure" (the file store's adds, the
 *       direct downloader's targets, {@code stowage get -o});</li>
 *   <li>{@link io.stowage.support.PipelinedCopy}: a stream copied into a channel on two threads,
 *       reading (and whatever the source does per byte) on one, writing on the other, with
 *       bounded buffers and early flushes (the file store's adds, the direct downloader's
 *       fallback);</li>
 *   <li>for network backends: the parser of a {@code Content-Range} header
 *       ({@link io.stowage.support.ContentRange}), the pause before a retry
 *       ({@link io.stowage.support.Backoff}: exponential, full jitter, capped, interruptible) and
 *       a stream that resumes a broken body from the byte where it broke
 *       ({@link io.stowage.support.ResumingInputStream}).</li>
 * </ul>
 */
package io.stowage.support;
