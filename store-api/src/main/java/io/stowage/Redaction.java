package io.stowage;

import java.util.regex.Pattern;

/**
 * Makes text safe for messages and logs: drops user-info from URLs, masks query
 * parameters that carry secrets (signatures, tokens, keys) and quotes untrusted input
 * with control characters escaped and length capped.
 */
public final class Redaction {
    static final String MASK = "***";
    private static final int MAX_QUOTED = 120;
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i).*(sig|signature|token|secret|password|passwd|pwd|key|credential|auth).*");

    private Redaction() {}

    /**
     * A URL safe for messages and logs.
     *
     * @param url the URL text, possibly null
     * @return the URL with any user-info removed and the values of secret-looking query parameters masked
     */
    public static String url(String url) {
        if (url == null) {
            return "null";
        }
        String withoutUserInfo = dropUserInfo(url);
        int query = withoutUserInfo.indexOf('?');
        if (query < 0) {
            return withoutUserInfo;
        }
        int fragment = withoutUserInfo.indexOf('#', query);
        String queryText = fragment < 0 ? withoutUserInfo.substring(query + 1) : withoutUserInfo.substring(query + 1, fragment);
        StringBuilder out = new StringBuilder(withoutUserInfo.substring(0, query + 1));
        String[] parameters = queryText.split("&", -1);
        for (int i = 0; i < parameters.length; i++) {
            if (i > 0) {
                out.append('&');
            }
            String parameter = parameters[i];
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            if (equals >= 0 && SECRET_PARAMETER.matcher(name).matches()) {
                out.append(name).append('=').append(MASK);
            } else {
                out.append(parameter);
            }
        }
        if (fragment >= 0) {
            out.append(withoutUserInfo.substring(fragment));
        }
        return out.toString();
    }

    /**
     * Untrusted text for an error message: user-info and secret parameters redacted,
     * control characters escaped, at most {@value #MAX_QUOTED} characters, in quotes.
     *
     * @param text the text, possibly null
     * @return the quoted text
     */
    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        String safe = url(text);
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(safe.length(), MAX_QUOTED);
        for (int i = 0; i < limit; i++) {
            char c = safe.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        if (safe.length() > MAX_QUOTED) {
            out.append("...(").append(safe.length()).append(" chars)");
        }
        return out.append('"').toString();
    }

    /**
     * Drops {@code user:secret@} after {@code scheme://}. The authority ends at the first
     * {@code /}, {@code ?} or {@code #}; legacy Glance S3 locations allow {@code /} in the
     * secret, so for them everything up to the last {@code @} before the query goes.
     */
    static String dropUserInfo(String url) {
        int separator = url.indexOf("://");
        if (separator < 0) {
            return url;
        }
        int authorityStart = separator + 3;
        int end = url.length();
        for (int i = authorityStart; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        int at = url.lastIndexOf('@', end - 1);
        if (at < authorityStart) {
            return url;
        }
        String scheme = url.substring(0, separator).toLowerCase(java.util.Locale.ROOT);
        int firstSlash = url.indexOf('/', authorityStart);
        boolean legacyS3 = scheme.equals("s3") || scheme.startsWith("s3+");
        if (!legacyS3 && firstSlash >= 0 && firstSlash < at) {
            // '@' inside the path, not user-info; but a user-info may still precede the path
            int atInAuthority = url.lastIndexOf('@', firstSlash);
            if (atInAuthority < authorityStart) {
                return url;
            }
            at = atInAuthority;
        }
        return url.substring(0, authorityStart) + url.substring(at + 1);
    }
}
