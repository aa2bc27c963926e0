package io.stowage.file;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The text side of {@code file://} locations, without touching any filesystem: a path as URI
 * segments and back, and the checks that keep a location from naming more than it says.
 */
final class FileUris {
    static final String SCHEME = "file";
    /** Unreserved and the other characters RFC 3986 allows as they are in a path segment. */
    private static final String PATH_CHARACTERS = "-._~!$&'()*+,;=:@";

    private FileUris() {}

    /** The names of an absolute path from its root, e.g. {@code [var, lib, glance, images]}. */
    static List<String> segments(Path absolute) {
        List<String> segments = new ArrayList<>();
        Path root = absolute.getRoot();
        if (root != null) {
            String separator = absolute.getFileSystem().getSeparator();
            String rootName = root.toString().replace(separator, "");
            if (!rootName.isEmpty()) {
                segments.add(rootName); // a drive such as "C:"
            }
        }
        for (Path name : absolute) {
            segments.add(name.toString());
        }
        return segments;
    }

    /** {@code file:///a/b} for the segments, percent-encoded where RFC 3986 requires it (UTF-8). */
    static URI uri(List<String> segments) {
        StringBuilder text = new StringBuilder("file://");
        for (String segment : segments) {
            text.append('/');
            for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                        || PATH_CHARACTERS.indexOf(c) >= 0) {
                    text.append(c);
                } else {
                    text.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
                }
            }
        }
        return URI.create(text.toString());
    }

    /**
     * The decoded path segments of a local {@code file} URI, normalised: empty segments (from
     * {@code //}) and {@code .} are dropped. Empty when the URI is not one this module will
     * follow: another host than none or {@code localhost}, a query or fragment, a trailing
     * {@code /}, a {@code ..} segment (also encoded), an encoded {@code /} or {@code \}, a NUL,
     * a malformed escape or malformed UTF-8. The scheme is the caller's to check.
     */
    static Optional<List<String>> localPathSegments(URI uri) {
        if (uri.isOpaque() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        String authority = uri.getRawAuthority();
        if (authority != null && !authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
            return Optional.empty();
        }
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/") || path.endsWith("/")) {
            return Optional.empty();
        }
        List<String> segments = new ArrayList<>();
        for (String raw : path.substring(1).split("/", -1)) {
            Optional<String> decoded = decode(raw);
            if (decoded.isEmpty()) {
                return Optional.empty();
            }
            String segment = decoded.get();
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..") || segment.indexOf('/') >= 0 || segment.indexOf('\\') >= 0
                    || segment.indexOf('\0') >= 0) {
                return Optional.empty();
            }
            segments.add(segment);
        }
        return Optional.of(segments);
    }

    /** Percent-decodes one segment as UTF-8; empty when an escape or the UTF-8 is malformed. */
    static Optional<String> decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return Optional.of(raw);
        }
        StringBuilder out = new StringBuilder(raw.length());
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            bytes.clear();
            while (i < raw.length() && raw.charAt(i) == '%') {
                if (i + 3 > raw.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.put((byte) (high * 16 + low));
                i += 3;
            }
            bytes.flip();
            try {
                out.append(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(bytes));
            } catch (CharacterCodingException e) {
                return Optional.empty();
            }
        }
        return Optional.of(out.toString());
    }
}
