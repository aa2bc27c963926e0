package io.stowage.tck;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Looks for an environment's declared secrets in text, in the forms a careless store would
 * print them: as is, URL-encoded, and base64-encoded (a basic-auth header, a signed value).
 */
final class SecretScan {
    private final Map<String, String> forms = new LinkedHashMap<>();

    SecretScan(Set<String> secrets) {
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("an environment declared an empty secret");
            }
            forms.put(secret, "a declared secret");
            forms.put(URLEncoder.encode(secret, StandardCharsets.UTF_8), "a declared secret, URL-encoded");
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            forms.put(Base64.getEncoder().withoutPadding().encodeToString(bytes), "a declared secret, base64-encoded");
            forms.put(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), "a declared secret, base64url-encoded");
        }
    }

    /** What kind of secret {@code text} shows, if it shows one. */
    Optional<String> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return forms.entrySet().stream().filter(form -> text.contains(form.getKey())).map(Map.Entry::getValue).findFirst();
    }

    /** {@code text} with every form of every secret masked, for a failure message. */
    String redact(String text) {
        String redacted = text;
        for (String form : forms.keySet()) {
            redacted = redacted.replace(form, "***");
        }
        return redacted;
    }
}
