package io.stowage.core.download;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The schemes direct download may use, compared case-insensitively.
 *
 * @param schemes the schemes, kept in lower case
 */
public record AllowedSchemes(Set<String> schemes) {
    /** No scheme: nothing is downloaded directly. */
    public static final AllowedSchemes NONE = new AllowedSchemes(Set.of());

    /**
     * Keeps the schemes in lower case.
     *
     * @param schemes the schemes
     */
    public AllowedSchemes {
        schemes = Set.copyOf(schemes.stream().map(scheme -> scheme.toLowerCase(Locale.ROOT)).toList());
    }

    /**
     * The schemes of {@code schemes}.
     *
     * @param schemes the schemes, any case
     * @return the allowed schemes
     */
    public static AllowedSchemes of(Collection<String> schemes) {
        return new AllowedSchemes(Set.copyOf(schemes));
    }

    /**
     * Whether {@code scheme} is allowed.
     *
     * @param scheme a scheme, any case; null is not allowed
     * @return whether it is one of the schemes
     */
    public boolean allows(String scheme) {
        return scheme != null && schemes.contains(scheme.toLowerCase(Locale.ROOT));
    }

    /** {@return the schemes, sorted and comma-separated} */
    @Override
    public String toString() {
        return String.join(",", new TreeSet<>(schemes));
    }
}
