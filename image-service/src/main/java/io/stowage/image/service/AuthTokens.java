package io.stowage.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.InvalidConfigurationException;
import java.util.HashSet;
import java.util.Set;

/** Binds the {@code auth} key of the {@code images} section: {@code none}, or a list of static tokens. */
final class AuthTokens {
    private AuthTokens() {}

    /** Where bound tokens go; false when the token was given already. */
    interface Sink {
        boolean add(String token, TokenGrant grant);
    }

    /** Binds {@code auth}; every problem names the entry and the key, never a token. */
    static void bind(JsonNode auth, Sink sink) throws InvalidConfigurationException {
        if (auth.isTextual() && auth.textValue().equals("none")) {
            return;
        }
        JsonNode tokens = auth.get("tokens");
        if (!auth.isObject() || auth.size() != 1 || tokens == null || !tokens.isArray() || tokens.isEmpty()) {
            throw new InvalidConfigurationException("Invalid configuration of images: key 'auth' must be none or"
                    + " { tokens: [ { token: ..., project: ..., roles: [...] } ] }");
        }
        for (int i = 0; i < tokens.size(); i++) {
            JsonNode entry = tokens.get(i);
            String where = "images.auth.tokens[" + i + "]";
            if (!entry.isObject() || !text(entry, "token") || !text(entry, "project")) {
                throw new InvalidConfigurationException("Invalid configuration of " + where + ": needs 'token' and 'project' strings");
            }
            Set<String> roles = new HashSet<>();
            for (JsonNode role : entry.path("roles")) {
                roles.add(role.asText());
            }
            for (java.util.Iterator<String> keys = entry.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!Set.of("token", "project", "roles").contains(key)) {
                    throw new InvalidConfigurationException("Invalid configuration of " + where + ": unknown key '" + key
                            + "' (known keys: project, roles, token)");
                }
            }
            if (entry.get("token").textValue().length() < 16) {
                throw new InvalidConfigurationException("Invalid configuration of " + where + ": a token needs at least 16 characters");
            }
            if (!sink.add(entry.get("token").textValue(), new TokenGrant(entry.get("project").textValue(), roles))) {
                throw new InvalidConfigurationException("Invalid configuration of " + where + ": the same token is given twice");
            }
        }
    }

    private static boolean text(JsonNode node, String key) {
        return node.get(key) != null && node.get(key).isTextual() && !node.get(key).textValue().isBlank();
    }
}
