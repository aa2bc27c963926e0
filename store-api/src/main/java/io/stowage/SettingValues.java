package io.stowage;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The plain values {@link Settings} hold: copying a tree of them, and reading a scalar as text, integer or boolean. */
final class SettingValues {
    private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?[0-9]{1,19}");

    private SettingValues() {}

    /** A sorted, unmodifiable deep copy of {@code map}, refusing what is not a plain value. */
    static Map<String, Object> copyMap(Map<?, ?> map, String path) {
        Map<String, Object> copy = new TreeMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("Settings hold a key that is not a string" + at(path));
            }
            String keyPath = path.isEmpty() ? key : path + "." + key;
            copy.put(key, copyValue(entry.getValue(), keyPath));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyValue(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean || isNumber(value)) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return copyMap(map, path);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                copy.add(copyValue(list.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException("Settings hold a " + value.getClass().getSimpleName()
                + ", which is not a config value (strings, numbers, booleans, lists and maps)" + at(path));
    }

    private static boolean isNumber(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal || value instanceof Double
                || value instanceof Float;
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : " at key '" + path + "'";
    }

    /** A scalar as text: a string as it is, a number or boolean as written; empty for a list or map. */
    static Optional<String> text(Object value) {
        if (value instanceof String text) {
            return Optional.of(text);
        }
        if (value instanceof BigDecimal decimal) {
            return Optional.of(decimal.toPlainString());
        }
        if (value instanceof Boolean || isNumber(value)) {
            return Optional.of(String.valueOf(value));
        }
        return Optional.empty();
    }

    /** An integral number, or the text of one, in the {@code long} range; empty for anything else. */
    static Optional<Long> integer(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Optional.of(((Number) value).longValue());
        }
        BigDecimal exact;
        if (value instanceof BigInteger big) {
            exact = new BigDecimal(big);
        } else if (value instanceof BigDecimal decimal) {
            exact = decimal;
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                return Optional.empty();
            }
            exact = BigDecimal.valueOf(number);
        } else if (value instanceof String text && INTEGER_TEXT.matcher(text.strip()).matches()) {
            exact = new BigDecimal(text.strip());
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(exact.longValueExact());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** A boolean, or the text {@code true}/{@code false} in any case; empty for anything else. */
    static Optional<Boolean> flag(Object value) {
        if (value instanceof Boolean flag) {
            return Optional.of(flag);
        }
        if (value instanceof String text) {
            String normal = text.strip().toLowerCase(Locale.ROOT);
            if (normal.equals("true") || normal.equals("false")) {
                return Optional.of(Boolean.parseBoolean(normal));
            }
        }
        return Optional.empty();
    }
}
