package io.stowage;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The checksums computed for an object, by algorithm, as lower-case hex. */
public record Checksums(Map<ChecksumAlgorithm, String> values) {
    public Checksums {
        requireNonNull(values, "values is null");
        values = values.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(values));
    }

    public Optional<String> value(ChecksumAlgorithm algorithm) {
        return Optional.ofNullable(values.get(algorithm));
    }

    /** The SHA-256 hex digest, which a store computes unless the add asked for other checksums only. */
    public String sha256() {
        return value(ChecksumAlgorithm.SHA256).orElseThrow(() -> new IllegalStateException("No SHA-256 was computed"));
    }

    /** Whether the computed value for the checksum's algorithm equals it (false when not computed). */
    public boolean matches(Checksum expected) {
        return expected.hex().equals(values.get(expected.algorithm()));
    }
}
