package io.stowage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns location text into a {@link Location}; the one place that knows Glance's legacy forms. */
final class LocationParser {
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

    private LocationParser() {}

    static Location parse(String text, Map<String, String> metadata) throws InvalidLocationException {
        if (text == null || text.isEmpty()) {
            throw new InvalidLocationException("Invalid location: empty");
        }
        if (text.length() > Location.MAX_LENGTH) {
            throw new InvalidLocationException("Invalid location " + Redaction.quote(text)
                    + ": longer than " + Location.MAX_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                throw new InvalidLocationException("Invalid location " + Redaction.quote(text)
                        + ": contains whitespace or a control character");
            }
        }
        Matcher scheme = SCHEME.matcher(text);
        if (!scheme.find()) {
            throw new InvalidLocationException("Invalid location " + Redaction.quote(text) + ": no scheme");
        }
        String schemeName = scheme.group(1).toLowerCase(Locale.ROOT);
        String rest = text.substring(scheme.end());
        if (!rest.startsWith("/")) {
            throw new InvalidLocationException("Invalid location " + Redaction.quote(text)
                    + ": expected " + schemeName + "://...");
        }
        if (schemeName.startsWith("s3+") || (schemeName.equals("s3") && hasUserInfo(rest))) {
            return legacyS3(schemeName, rest, text, metadata);
        }
        String clean = Redaction.dropUserInfo(schemeName + ":" + rest);
        return toLocation(clean, text, metadata);
    }

    private static boolean hasUserInfo(String rest) {
        if (!rest.startsWith("//")) {
            return false;
        }
        int queryOrFragment = indexOfAny(rest, "?#");
        return rest.lastIndexOf('@', queryOrFragment < 0 ? rest.length() - 1 : queryOrFragment - 1) >= 2;
    }

    /**
     * Glance's {@code s3[+http|+https]://[access:secret@]host[/path]/bucket/key}: the
     * credentials are dropped, the service host is kept as location metadata so that the
     * store owning that endpoint can be found, and the clean form is {@code s3://bucket/key}.
     */
    private static Location legacyS3(String scheme, String rest, String original, Map<String, String> metadata)
            throws InvalidLocationException {
        if (!scheme.equals("s3") && !scheme.equals("s3+http") && !scheme.equals("s3+https")) {
            throw new InvalidLocationException("Invalid location " + Redaction.quote(original)
                    + ": unknown S3 scheme variant '" + scheme + "'");
        }
        if (!rest.startsWith("//") || indexOfAny(rest, "?#") >= 0) {
            throw new InvalidLocationException("Invalid location " + Redaction.quote(original)
                    + ": expected " + scheme + "://[credentials@]host/bucket/key");
        }
        String body = rest.substring(2);
        body = body.substring(body.lastIndexOf('@') + 1);
        String[] parts = body.split("/", -1);
        if (parts.length < 3 || parts[0].isEmpty() || parts[parts.length - 2].isEmpty() || parts[parts.length - 1].isEmpty()) {
            throw new InvalidLocationException("Invalid location " + Redaction.quote(original)
                    + ": expected " + scheme + "://[credentials@]host/bucket/key");
        }
        String bucket = parts[parts.length - 2];
        String key = parts[parts.length - 1];
        String host = String.join("/", java.util.Arrays.copyOf(parts, parts.length - 2));
        Map<String, String> withEndpoint = new HashMap<>(metadata);
        withEndpoint.put(Location.LEGACY_S3_ENDPOINT_KEY, (scheme.equals("s3+http") ? "http://" : "https://") + host);
        return toLocation("s3://" + bucket + "/" + key, original, withEndpoint);
    }

    private static Location toLocation(String clean, String original, Map<String, String> metadata)
            throws InvalidLocationException {
        URI uri;
        try {
            uri = new URI(clean);
        } catch (URISyntaxException e) {
            throw new InvalidLocationException("Invalid location " + Redaction.quote(original) + ": " + e.getReason());
        }
        if (uri.isOpaque() || uri.getScheme() == null) {
            throw new InvalidLocationException("Invalid location " + Redaction.quote(original) + ": not a hierarchical URI");
        }
        if (uri.getRawAuthority() == null && !uri.getScheme().equals("file")) {
            throw new InvalidLocationException("Invalid location " + Redaction.quote(original) + ": no host or bucket");
        }
        try {
            return Location.of(uri, metadata);
        } catch (IllegalArgumentException e) {
            throw new InvalidLocationException("Invalid location " + Redaction.quote(original) + ": " + e.getMessage());
        }
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
