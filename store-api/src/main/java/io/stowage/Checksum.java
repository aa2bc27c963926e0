package io.stowage;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/** One expected or computed checksum: an algorithm and the lower-case hex digest. */
public record Checksum(ChecksumAlgorithm algorithm, String hex) {
    /** @throws IllegalArgumentException if the hex is not a digest of that algorithm */
    public Checksum {
        requireNonNull(algorithm, "algorithm is null");
        requireNonNull(hex, "hex is null");
        hex = hex.toLowerCase(Locale.ROOT);
        if (hex.length() != algorithm.hexLength() || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("Not a " + algorithm.id() + " digest: " + Redaction.quote(hex)
                    + " (expected " + algorithm.hexLength() + " hex digits)");
        }
    }

    /** Parses {@code sha256:HEX} (or {@code md5:}/{@code sha512:}). */
    public static Checksum parse(String text) {
        requireNonNull(text, "text is null");
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Expected ALGORITHM:HEX, e.g. sha256:9f86d0..., got " + Redaction.quote(text));
        }
        return new Checksum(ChecksumAlgorithm.fromId(text.substring(0, colon)), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return algorithm.id() + ":" + hex;
    }
}
