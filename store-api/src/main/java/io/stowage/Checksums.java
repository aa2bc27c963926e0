package io.stowage;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The checksums computed for an object, by algorithm, as lower-case hex.
 *
 * @param values the hex digest of each algorithm computed; possibly none
 */
public record Checksums(Map<ChecksumAlgorithm, String> values) {
    /**
     * Copies the values.
     *
     * @param values the hex digest of each algorithm computed
     * @throws NullPointerException if the map is null
     */
    public Checksums {
        requireNonNull(values, "values is null");
        values = values.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(values));
    }

    /**
     * The digest of {@code algorithm}.
     *
     * @param algorithm the algorithm
     * @return the hex digest, or empty when it was not computed
     */
    public Optional<String> value(ChecksumAlgorithm algorithm) {
        return Optional.ofNullable(values.get(algorithm));
    }

    /**
     * {@return the SHA-256 hex digest} It is computed unless the add asked for other checksums only.
     *
     * @throws IllegalStateException if no SHA-256 was computed
     */
    public String sha256() {
        return value(ChecksumAlgorithm.SHA256).orElseThrow(() -> new IllegalStateException("No SHA-256 was computed"));
    }

    /**
     * Whether the computed value for the checksum's algorithm equals it.
     *
     * @param expected the checksum
     * @return whether it matches; false when its algorithm was not computed
     */
    public boolean matches(Checksum expected) {
        return expected.hex().equals(values.get(expected.algorithm()));
    }
}
