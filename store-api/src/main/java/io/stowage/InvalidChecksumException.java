package io.stowage;

/**
 * Checksum text from outside — an algorithm name or an {@code ALGORITHM:HEX} digest — is not one
 * Stowage knows or not a digest of its algorithm. Raised by {@link Checksum#parse} and
 * {@link ChecksumAlgorithm#fromId} before anything is read or written; the message quotes the
 * text, redacted and shortened.
 */
public class InvalidChecksumException extends StoreException {
    /**
     * An invalid-checksum error.
     *
     * @param message what is wrong, quoting the text safely
     */
    public InvalidChecksumException(String message) {
        super(message);
    }
}
