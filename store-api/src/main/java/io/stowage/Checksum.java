package io.stowage;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * One expected or computed checksum: an algorithm and the lower-case hex digest.
 *
 * <p>Text from outside is read with {@link #parse}, which refuses what is not a checksum with the
 * checked {@link InvalidChecksumException}; the constructor is for values code already holds and
 * treats a wrong digest as a programming error (see the package's rule for invalid arguments).
 *
 * @param algorithm the algorithm
 * @param hex the digest in hex, kept in lower case
 */
public record Checksum(ChecksumAlgorithm algorithm, String hex) {
    /**
     * Checks the digest against its algorithm.
     *
     * @param algorithm the algorithm
     * @param hex the digest in hex, either case
     *
     * @throws NullPointerException if a part is null
     * @throws IllegalArgumentException if the hex is not a digest of that algorithm
     */
    public Checksum {
        requireNonNull(algorithm, "algorithm is null");
        requireNonNull(hex, "hex is null");
        hex = hex.toLowerCase(Locale.ROOT);
        if (!isDigest(algorithm, hex)) {
            throw new IllegalArgumentException("Not a " + algorithm.id() + " digest: " + Redaction.quote(hex)
                    + " (expected " + algorithm.hexLength() + " hex digits)");
        }
    }

    /**
     * Parses checksum text from outside: {@code sha256:HEX} (or {@code md5:}/{@code sha512:}; the
     * algorithm and the hex in any case).
     *
     * @param text the text; null is refused like any other invalid text
     * @return the checksum
     * @throws InvalidChecksumException if the text is not {@code ALGORITHM:HEX} of a known algorithm
     *     with a digest of its length
     */
    public static Checksum parse(String text) throws InvalidChecksumException {
        if (text == null) {
            throw new InvalidChecksumException("Invalid checksum: null");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new InvalidChecksumException("Invalid checksum " + Redaction.quote(text)
                    + ": expected ALGORITHM:HEX, e.g. sha256:9f86d0...");
        }
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromId(text.substring(0, colon));
        String hex = text.substring(colon + 1);
        if (!isDigest(algorithm, hex)) {
            throw new InvalidChecksumException("Invalid checksum " + Redaction.quote(text) + ": not a " + algorithm.id()
                    + " digest (expected " + algorithm.hexLength() + " hex digits)");
        }
        return new Checksum(algorithm, hex);
    }

    private static boolean isDigest(ChecksumAlgorithm algorithm, String hex) {
        return hex.length() == algorithm.hexLength() && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /** {@code ALGORITHM:HEX}, the form {@link #parse} reads. */
    @Override
    public String toString() {
        return algorithm.id() + ":" + hex;
    }
}
