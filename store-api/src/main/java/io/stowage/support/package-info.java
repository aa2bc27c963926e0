/**
 * Pieces a network backend needs and should not write again: the parser of a
 * {@code Content-Range} header ({@link io.stowage.support.ContentRange}), the pause before a
 * retry ({@link io.stowage.support.Backoff}: exponential, full jitter, capped, interruptible) and
 * a stream that resumes a broken body from the byte where it broke
 * ({@link io.stowage.support.ResumingInputStream}). They depend on the JDK and store-api only,
 * and fail in the {@link io.stowage.StoreException} family.
 */
package io.stowage.support;
