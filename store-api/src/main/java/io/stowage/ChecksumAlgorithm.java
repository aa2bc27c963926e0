package io.stowage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The checksums a store computes while streaming. SHA-256 by default; MD5 and SHA-512 on request (Glance). */
public enum ChecksumAlgorithm {
    /** MD5, which Glance records as {@code checksum}. */
    MD5("md5", "MD5"),
    /** SHA-256, computed by default. */
    SHA256("sha256", "SHA-256"),
    /** SHA-512, Glance's default {@code os_hash_algo}. */
    SHA512("sha512", "SHA-512");

    private final String id;
    private final String jcaName;

    ChecksumAlgorithm(String id, String jcaName) {
        this.id = id;
        this.jcaName = jcaName;
    }

    /** {@return the lower-case name used in JSON and on the command line: {@code md5}, {@code sha256}, {@code sha512}} */
    public String id() {
        return id;
    }

    /** {@return a new digest of this algorithm} */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks " + jcaName, e);
        }
    }

    /**
     * Parses an algorithm name from outside: {@code md5}, {@code sha256}, {@code sha512}
     * (case-insensitive, {@code sha-256} too).
     *
     * @param text the name; null is refused like any other unknown name
     * @return the algorithm
     * @throws InvalidChecksumException if the name is not one of them
     */
    public static ChecksumAlgorithm fromId(String text) throws InvalidChecksumException {
        String normal = text == null ? "" : text.toLowerCase(Locale.ROOT).replace("-", "");
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.id.equals(normal)) {
                return algorithm;
            }
        }
        throw new InvalidChecksumException("Unknown checksum algorithm " + Redaction.quote(text) + " (known: "
                + Arrays.stream(values()).map(ChecksumAlgorithm::id).collect(Collectors.joining(", ")) + ")");
    }

    /** Length of the hex form of a digest. */
    int hexLength() {
        return newDigest().getDigestLength() * 2;
    }
}
