package io.stowage;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The settings of one store or download handler, as its provider receives them: the keys of its
 * config section (a store's without {@code type}) with plain JDK values — strings, numbers,
 * booleans, lists of values and nested maps with string keys — and every {@code ${VAR}} already
 * resolved from the environment. A provider reads them with the typed accessors and builds its
 * config from them; it never sees how the file was parsed.
 *
 * <p>The rules of every accessor:
 * <ul>
 *   <li>A key that is absent or set to null is empty ({@link Optional#empty()}): the provider's
 *       default applies.</li>
 *   <li>A value of the wrong shape is an {@link InvalidConfigurationException} naming the
 *       {@linkplain #subject() subject} and the key ({@code filesystems[0].mountpoint} for a key of
 *       a nested section), never the value, which may be a secret. Scalars are read as a config
 *       file's author means them: a number or a boolean where a string is expected is its text,
 *       and the text of an integer or of {@code true}/{@code false} is the integer or the boolean
 *       (a value from {@code ${VAR}} is always text).</li>
 *   <li>{@link #checkKeys} refuses a key the provider does not know. Call it first: a misspelt
 *       key is then reported as such, not as the required key it left missing.</li>
 * </ul>
 *
 * <p>Settings are immutable. {@link #toString()} shows the subject and the keys, never a value.
 */
public final class Settings {
    private final String subject;
    private final String path;
    private final Map<String, Object> values;

    private Settings(String subject, String path, Map<String, Object> values) {
        this.subject = subject;
        this.path = path;
        this.values = values;
    }

    /**
     * Settings over a copy of {@code values}.
     *
     * @param subject what the settings configure, for messages: {@code store 'local'},
     *     {@code download handler 'file'}
     * @param values keys and plain values: {@link String}, {@link Number}, {@link Boolean}, null,
     *     {@link List}s of values and {@link Map}s with string keys
     * @return the settings
     * @throws IllegalArgumentException if a value is of another type or a map key is not a string
     */
    public static Settings of(String subject, Map<String, ?> values) {
        requireNonNull(subject, "subject is null");
        requireNonNull(values, "values is null");
        return new Settings(subject, "", SettingValues.copyMap(values, ""));
    }

    /**
     * Settings without any key.
     *
     * @param subject what the settings configure, for messages
     * @return the empty settings
     */
    public static Settings empty(String subject) {
        return of(subject, Map.of());
    }

    /**
     * What the settings configure, as messages name it: {@code store 'local'}.
     *
     * @return the subject
     */
    public String subject() {
        return subject;
    }

    /**
     * The keys that are set, also those set to null, sorted.
     *
     * @return the keys
     */
    public Set<String> keys() {
        return values.keySet();
    }

    /**
     * Whether {@code key} is set to a value other than null.
     *
     * @param key the key
     * @return whether the key has a value
     */
    public boolean contains(String key) {
        return values.get(requireNonNull(key, "key is null")) != null;
    }

    /**
     * The settings as an unmodifiable tree of plain values, sorted by key: what {@link #of} would
     * take to make equal settings.
     *
     * @return the keys and values
     */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * Refuses every key that is not one of {@code known}.
     *
     * @param known the keys the provider reads
     * @throws InvalidConfigurationException naming the first unknown key (in sorted order) and the known keys
     */
    public void checkKeys(String... known) throws InvalidConfigurationException {
        Set<String> allowed = Set.of(known);
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidConfigurationException(prefix() + "unknown key '" + pathOf(key) + "' (known keys: "
                        + (allowed.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(allowed))) + ")");
            }
        }
    }

    /**
     * The string at {@code key}; a number or boolean is taken as its text.
     *
     * @param key the key
     * @return the string, or empty when the key is not set
     * @throws InvalidConfigurationException if the value is a list or a map
     */
    public Optional<String> string(String key) throws InvalidConfigurationException {
        Object value = values.get(requireNonNull(key, "key is null"));
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(SettingValues.text(value).orElseThrow(() -> expects(key, "a string")));
    }

    /**
     * The string at {@code key}, which must be set.
     *
     * @param key the key
     * @return the string
     * @throws InvalidConfigurationException if the key is not set or its value is a list or a map
     */
    public String requiredString(String key) throws InvalidConfigurationException {
        return string(key).orElseThrow(() -> invalid(key, "is required"));
    }

    /**
     * The integer at {@code key}, also when written as text.
     *
     * @param key the key
     * @return the integer, or empty when the key is not set
     * @throws InvalidConfigurationException if the value is not an integer of the {@code int} range
     */
    public OptionalInt integer(String key) throws InvalidConfigurationException {
        OptionalLong value = longInteger(key, "an integer");
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        if (value.getAsLong() < Integer.MIN_VALUE || value.getAsLong() > Integer.MAX_VALUE) {
            throw expects(key, "an integer");
        }
        return OptionalInt.of((int) value.getAsLong());
    }

    /**
     * The integer at {@code key} in the {@code long} range (sizes in bytes), also when written as text.
     *
     * @param key the key
     * @return the integer, or empty when the key is not set
     * @throws InvalidConfigurationException if the value is not an integer of the {@code long} range
     */
    public OptionalLong longInteger(String key) throws InvalidConfigurationException {
        return longInteger(key, "an integer");
    }

    /**
     * The boolean at {@code key}, also when written as the text {@code true} or {@code false}.
     *
     * @param key the key
     * @return the boolean, or empty when the key is not set
     * @throws InvalidConfigurationException if the value is not a boolean
     */
    public Optional<Boolean> flag(String key) throws InvalidConfigurationException {
        Object value = values.get(requireNonNull(key, "key is null"));
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(SettingValues.flag(value).orElseThrow(() -> expects(key, "true or false")));
    }

    /**
     * The list of strings at {@code key}; numbers and booleans in it are taken as their text.
     *
     * @param key the key
     * @return the strings, or empty when the key is not set
     * @throws InvalidConfigurationException if the value is not a list or an entry is not a scalar
     */
    public Optional<List<String>> strings(String key) throws InvalidConfigurationException {
        Optional<List<?>> list = list(key);
        if (list.isEmpty()) {
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < list.get().size(); i++) {
            Object entry = list.get().get(i);
            Optional<String> text = entry == null ? Optional.empty() : SettingValues.text(entry);
            if (text.isEmpty()) {
                throw expects(key + "[" + i + "]", "a string");
            }
            strings.add(text.get());
        }
        return Optional.of(List.copyOf(strings));
    }

    /**
     * The nested section (a map) at {@code key}, whose messages name its keys as {@code key.name}.
     *
     * @param key the key
     * @return the section, or empty when the key is not set
     * @throws InvalidConfigurationException if the value is not a map
     */
    public Optional<Settings> section(String key) throws InvalidConfigurationException {
        Object value = values.get(requireNonNull(key, "key is null"));
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw expects(key, "a mapping");
        }
        return Optional.of(nested(pathOf(key), map));
    }

    /**
     * The list of nested sections (maps) at {@code key}, whose messages name their keys as
     * {@code key[i].name}.
     *
     * @param key the key
     * @return the sections, in order; an empty list when the key is not set
     * @throws InvalidConfigurationException if the value is not a list of maps
     */
    public List<Settings> sections(String key) throws InvalidConfigurationException {
        Optional<List<?>> list = list(key);
        if (list.isEmpty()) {
            return List.of();
        }
        List<Settings> sections = new ArrayList<>();
        for (int i = 0; i < list.get().size(); i++) {
            if (!(list.get().get(i) instanceof Map<?, ?> map)) {
                throw expects(key + "[" + i + "]", "a mapping");
            }
            sections.add(nested(pathOf(key) + "[" + i + "]", map));
        }
        return List.copyOf(sections);
    }

    /**
     * The string at {@code key} turned into a value by {@code parser}, for values written as text
     * (durations, enum constants).
     *
     * @param <T> the value's type
     * @param key the key
     * @param expected what the value must be, for the message: {@code a duration such as 30s}
     * @param parser turns the text into the value; throws {@link IllegalArgumentException} when it cannot
     * @return the value, or empty when the key is not set
     * @throws InvalidConfigurationException if the value is not a string or {@code parser} refuses it
     */
    public <T> Optional<T> parsed(String key, String expected, Function<String, T> parser) throws InvalidConfigurationException {
        requireNonNull(expected, "expected is null");
        requireNonNull(parser, "parser is null");
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(requireNonNull(parser.apply(text.get()), "parser returned null"));
        } catch (IllegalArgumentException e) {
            throw expects(key, expected);
        }
    }

    /**
     * Builds a config from these settings: {@code factory} (typically a builder's {@code build})
     * validates, and an {@link IllegalArgumentException} it throws, whose message starts with the
     * key it is about, becomes the configuration error of the subject.
     *
     * @param <T> the config's type
     * @param factory builds the config
     * @return what {@code factory} returned
     * @throws InvalidConfigurationException with the message of the factory's {@link IllegalArgumentException}
     */
    public <T> T build(Supplier<T> factory) throws InvalidConfigurationException {
        try {
            return requireNonNull(factory.get(), "factory returned null");
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /**
     * The configuration error of the subject: {@code Invalid configuration of store 'local': <problem>}.
     *
     * @param problem what is wrong, naming the key and never a value that may be secret
     * @return the exception, to throw
     */
    public InvalidConfigurationException invalid(String problem) {
        return new InvalidConfigurationException(prefix() + requireNonNull(problem, "problem is null"));
    }

    /**
     * The configuration error of one key: {@code Invalid configuration of store 'local': key 'dirs' <problem>}.
     *
     * @param key the key, as this section names it
     * @param problem what is wrong, never the value
     * @return the exception, to throw
     */
    public InvalidConfigurationException invalid(String key, String problem) {
        return invalid("key '" + pathOf(key) + "' " + problem);
    }

    /** The subject and the keys that are set, never a value: values may be secrets. */
    @Override
    public String toString() {
        return "Settings[" + subject + (path.isEmpty() ? "" : ", " + path) + ": keys " + values.keySet() + "]";
    }

    /** Settings are equal when their subjects, paths and values are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Settings settings && settings.subject.equals(subject) && settings.path.equals(path)
                && settings.values.equals(values);
    }

    @Override
    public int hashCode() {
        return (subject.hashCode() * 31 + path.hashCode()) * 31 + values.hashCode();
    }

    private Settings nested(String nestedPath, Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) map; // already copied and checked by of()
        return new Settings(subject, nestedPath, Collections.unmodifiableMap(new TreeMap<>(copy)));
    }

    private OptionalLong longInteger(String key, String expected) throws InvalidConfigurationException {
        Object value = values.get(requireNonNull(key, "key is null"));
        if (value == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(SettingValues.integer(value).orElseThrow(() -> expects(key, expected)));
    }

    private Optional<List<?>> list(String key) throws InvalidConfigurationException {
        Object value = values.get(requireNonNull(key, "key is null"));
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof List<?> list)) {
            throw expects(key, "a list");
        }
        return Optional.of(list);
    }

    private InvalidConfigurationException expects(String key, String expected) {
        return invalid(key, "expects " + expected);
    }

    private String prefix() {
        return "Invalid configuration of " + subject + ": ";
    }

    private String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
