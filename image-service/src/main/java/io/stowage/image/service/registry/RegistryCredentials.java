package io.stowage.image.service.registry;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The user and password of a registry database that needs them (PostgreSQL), from the config's
 * {@code registry-user} and {@code registry-password} (usually {@code ${VAR}}). {@code toString()}
 * never shows the password.
 */
public record RegistryCredentials(Optional<String> user, Optional<String> password) {
    /** No user and no password: SQLite, or a PostgreSQL server that trusts the connection. */
    public static final RegistryCredentials NONE = new RegistryCredentials(Optional.empty(), Optional.empty());

    public RegistryCredentials {
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
    }

    /** A JDBC URL without its query, which may hold a password, for messages and logs. */
    public static String redact(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?...";
    }

    @Override
    public String toString() {
        return "RegistryCredentials[user=" + user.orElse("(none)") + ", password=" + (password.isPresent() ? "***" : "(none)") + "]";
    }
}
