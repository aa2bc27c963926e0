package io.stowage.s3;

import java.util.Locale;

/**
 * When the S3 client adds request checksums and validates response checksums. Written in
 * the config as {@code sdk-default} or {@code when-required}.
 */
public enum S3ChecksumMode {
    /**
     * The SDK's defaults: a CRC checksum on every upload (sent as a trailer) and validation
     * of the checksums S3 returns. Right for AWS and for servers that accept the defaults.
     */
    SDK_DEFAULT("sdk-default"),
    /**
     * Checksums only where the S3 API requires them: for S3-compatible servers that reject
     * the SDK's default trailing checksums. Stowage still verifies its own SHA-256.
     */
    WHEN_REQUIRED("when-required");

    private final String id;

    S3ChecksumMode(String id) {
        this.id = id;
    }

    /**
     * The mode as the config writes it.
     *
     * @return {@code sdk-default} or {@code when-required}
     */
    public String id() {
        return id;
    }

    /**
     * Parses {@code sdk-default} or {@code when-required} (case-insensitive, {@code _} for {@code -} too).
     *
     * @param text the text
     * @return the mode
     * @throws IllegalArgumentException for any other text
     */
    public static S3ChecksumMode fromId(String text) {
        String normal = text == null ? "" : text.toLowerCase(Locale.ROOT).replace('_', '-');
        for (S3ChecksumMode mode : values()) {
            if (mode.id.equals(normal)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("checksumMode must be sdk-default or when-required");
    }

    @Override
    public String toString() {
        return id;
    }
}
