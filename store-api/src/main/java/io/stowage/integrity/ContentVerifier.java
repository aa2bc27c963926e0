package io.stowage.integrity;

import static java.util.Objects.requireNonNull;

import io.stowage.AddOptions;
import io.stowage.Checksum;
import io.stowage.ChecksumAlgorithm;
import io.stowage.Checksums;
import io.stowage.IntegrityException;
import io.stowage.ObjectId;
import io.stowage.ProgressListener;
import io.stowage.SizeLimitExceededException;
import io.stowage.StoreException;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Checks data as it streams past, in one pass: counts bytes against the size limit and the
 * expected size (failing as soon as either is passed), computes the checksums, reports
 * progress, and at the end checks the expected size and checksum. Not thread-safe.
 */
public final class ContentVerifier {
    private final String subject;
    private final OptionalLong expectedSize;
    private final Optional<Checksum> expectedChecksum;
    private final OptionalLong sizeLimit;
    private final Map<ChecksumAlgorithm, MessageDigest> digests = new EnumMap<>(ChecksumAlgorithm.class);
    private final ProgressListener progress;
    private long bytes;
    private VerifiedContent result;

    private ContentVerifier(String subject, OptionalLong expectedSize, Optional<Checksum> expectedChecksum,
            OptionalLong sizeLimit, Set<ChecksumAlgorithm> algorithms, ProgressListener progress) {
        this.subject = requireNonNull(subject, "subject is null");
        this.expectedSize = requireNonNull(expectedSize, "expectedSize is null");
        this.expectedChecksum = requireNonNull(expectedChecksum, "expectedChecksum is null");
        this.sizeLimit = requireNonNull(sizeLimit, "sizeLimit is null");
        this.progress = requireNonNull(progress, "progress is null");
        for (ChecksumAlgorithm algorithm : algorithms) {
            digests.put(algorithm, algorithm.newDigest());
        }
        expectedChecksum.ifPresent(checksum -> digests.computeIfAbsent(checksum.algorithm(), ChecksumAlgorithm::newDigest));
    }

    /**
     * A verifier for {@link io.stowage.Store#add}. Fails at once, before any data is read, when
     * the expected size already exceeds the size limit.
     *
     * @param id the id added, for messages
     * @param options the add's expectations, checksums and progress listener
     * @return the verifier
     * @throws SizeLimitExceededException if the declared size exceeds the size limit
     */
    public static ContentVerifier forAdd(ObjectId id, AddOptions options) throws SizeLimitExceededException {
        return of("object '" + id + "'", options.expectedSize(), options.expectedChecksum(), options.sizeLimit(),
                options.checksumAlgorithms(), options.progress());
    }

    /**
     * A verifier with explicit expectations; {@code subject} names the data in messages
     * ("object 'abc'", a redacted location).
     *
     * @param subject the data in messages
     * @param expectedSize the size the data must have, when known
     * @param expectedChecksum a checksum the data must have, when known; its algorithm is computed too
     * @param sizeLimit the most bytes accepted, when limited
     * @param algorithms the checksums to compute
     * @param progress told of the bytes seen
     * @return the verifier
     * @throws SizeLimitExceededException if the expected size exceeds the size limit
     */
    public static ContentVerifier of(String subject, OptionalLong expectedSize, Optional<Checksum> expectedChecksum,
            OptionalLong sizeLimit, Set<ChecksumAlgorithm> algorithms, ProgressListener progress)
            throws SizeLimitExceededException {
        if (expectedSize.isPresent() && sizeLimit.isPresent() && expectedSize.getAsLong() > sizeLimit.getAsLong()) {
            throw new SizeLimitExceededException("The declared size " + expectedSize.getAsLong() + " of " + subject
                    + " exceeds the size limit of " + sizeLimit.getAsLong() + " bytes");
        }
        return new ContentVerifier(subject, expectedSize, expectedChecksum, sizeLimit, algorithms, progress);
    }

    /** {@return the bytes seen so far} */
    public long bytes() {
        return bytes;
    }

    /** {@return the size the data must have, when declared} */
    public OptionalLong expectedSize() {
        return expectedSize;
    }

    /**
     * Takes the next bytes.
     *
     * @param buffer holds the bytes
     * @param offset where they start in {@code buffer}
     * @param length how many there are
     * @throws SizeLimitExceededException once the data is longer than the size limit
     * @throws IntegrityException once the data is longer than the expected size
     */
    public void update(byte[] buffer, int offset, int length) throws StoreException {
        if (result != null) {
            throw new IllegalStateException("Verification of " + subject + " is already finished");
        }
        long total = bytes + length;
        if (sizeLimit.isPresent() && total > sizeLimit.getAsLong()) {
            throw new SizeLimitExceededException("The data of " + subject + " exceeds the size limit of "
                    + sizeLimit.getAsLong() + " bytes");
        }
        if (expectedSize.isPresent() && total > expectedSize.getAsLong()) {
            throw new IntegrityException("The data of " + subject + " is longer than its declared size of "
                    + expectedSize.getAsLong() + " bytes");
        }
        for (MessageDigest digest : digests.values()) {
            digest.update(buffer, offset, length);
        }
        bytes = total;
        progress.transferred(total);
    }

    /**
     * Ends the data: checks the expected size and checksum and returns the result.
     * Idempotent once it succeeded.
     *
     * @return the verified size and checksums
     * @throws IntegrityException if the data is shorter than declared or its checksum differs
     */
    public VerifiedContent finish() throws IntegrityException {
        if (result != null) {
            return result;
        }
        if (expectedSize.isPresent() && bytes != expectedSize.getAsLong()) {
            throw new IntegrityException("The data of " + subject + " ended after " + bytes
                    + " bytes, short of its declared size of " + expectedSize.getAsLong() + " bytes");
        }
        Map<ChecksumAlgorithm, String> values = new EnumMap<>(ChecksumAlgorithm.class);
        digests.forEach((algorithm, digest) -> values.put(algorithm, HexFormat.of().formatHex(digest.digest())));
        Checksums checksums = new Checksums(values);
        if (expectedChecksum.isPresent() && !checksums.matches(expectedChecksum.get())) {
            Checksum expected = expectedChecksum.get();
            throw new IntegrityException("Checksum mismatch for " + subject + ": expected " + expected + ", got "
                    + expected.algorithm().id() + ":" + values.get(expected.algorithm()));
        }
        result = new VerifiedContent(bytes, checksums);
        return result;
    }
}
