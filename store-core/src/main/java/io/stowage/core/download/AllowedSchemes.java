package io.stowage.core.download;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The schemes direct download may use, compared case-insensitively. */
public record AllowedSchemes(Set<String> schemes) {
    public static final AllowedSchemes NONE = new AllowedSchemes(Set.of());

    public AllowedSchemes {
        schemes = Set.copyOf(schemes.stream().map(scheme -> scheme.toLowerCase(Locale.ROOT)).toList());
    }

    public static AllowedSchemes of(Collection<String> schemes) {
        return new AllowedSchemes(Set.copyOf(schemes));
    }

    public boolean allows(String scheme) {
        return scheme != null && schemes.contains(scheme.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return String.join(",", new TreeSet<>(schemes));
    }
}
