package io.stowage.core.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stowage.InvalidConfigurationException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * For services built on the registry whose own config sections are records (the image service's
 * {@code images}): binds a section to a typed record with Jackson, strictly: unknown keys, wrong types and
 * values the record refuses are {@link InvalidConfigurationException}s naming the subject (e.g.
 * "store 'local'") and the key. Messages never repeat a config value.
 */
public final class ConfigBinder {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private ConfigBinder() {}

    /**
     * Binds a section of plain values (such as {@link StowageConfig#images()}) to {@code type}.
     *
     * @param <T> the type bound to
     * @param section the section
     * @param type a record or class Jackson can bind
     * @param subject what the config belongs to, for messages: "images"
     * @return the bound value
     * @throws InvalidConfigurationException naming the subject and the key, never a value
     */
    public static <T> T bind(Map<String, ?> section, Class<T> type, String subject) throws InvalidConfigurationException {
        requireNonNull(section, "section is null");
        JsonNode node;
        try {
            node = MAPPER.valueToTree(section);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("Invalid configuration of " + subject + ": holds values that are not config values");
        }
        return bind(node, type, subject);
    }

    /**
     * Binds {@code node} to {@code type}.
     *
     * @param <T> the type bound to
     * @param node the config tree
     * @param type a record or class Jackson can bind
     * @param subject what the config belongs to, for messages: "store 'local'", "download handler 'file'"
     * @return the bound value
     * @throws InvalidConfigurationException naming the subject and the key, never a value
     */
    public static <T> T bind(JsonNode node, Class<T> type, String subject) throws InvalidConfigurationException {
        requireNonNull(node, "node is null");
        requireNonNull(type, "type is null");
        requireNonNull(subject, "subject is null");
        try {
            return MAPPER.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidConfigurationException("Invalid configuration of " + subject + ": unknown key '"
                    + path(e, e.getPropertyName()) + "' (known keys: " + known(e.getKnownPropertyIds()) + ")");
        } catch (ValueInstantiationException e) {
            // A misspelt required key fails the record's constructor before Jackson gets to report
            // the unknown key; the unknown key is what the user needs to hear about.
            InvalidConfigurationException unknown = unknownKey(node, type, subject);
            if (unknown != null) {
                throw unknown;
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new InvalidConfigurationException("Invalid configuration of " + subject + pathSuffix(e) + ": " + cause.getMessage());
        } catch (InvalidFormatException e) {
            throw new InvalidConfigurationException("Invalid configuration of " + subject + ": key '" + path(e, null)
                    + "' expects " + describe(e.getTargetType()));
        } catch (MismatchedInputException e) {
            throw new InvalidConfigurationException("Invalid configuration of " + subject + ": key '" + path(e, null)
                    + "' expects " + describe(e.getTargetType()));
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : null;
            throw new InvalidConfigurationException("Invalid configuration of " + subject + pathSuffix(e)
                    + (cause != null ? ": " + cause.getMessage() : ": cannot be read as " + type.getSimpleName()));
        } catch (Exception e) {
            throw new InvalidConfigurationException("Invalid configuration of " + subject + ": cannot be read as "
                    + type.getSimpleName());
        }
    }

    /** The error for the first top-level key of {@code node} that {@code type} does not know, or null. */
    private static InvalidConfigurationException unknownKey(JsonNode node, Class<?> type, String subject) {
        if (!node.isObject()) {
            return null;
        }
        Set<String> known = MAPPER.getDeserializationConfig().introspect(MAPPER.constructType(type)).findProperties()
                .stream().map(BeanPropertyDefinition::getName).collect(Collectors.toCollection(TreeSet::new));
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                return new InvalidConfigurationException("Invalid configuration of " + subject + ": unknown key '" + name
                        + "' (known keys: " + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
            }
        }
        return null;
    }

    private static String pathSuffix(JsonMappingException e) {
        String path = path(e, null);
        return path.isEmpty() ? "" : ", key '" + path + "'";
    }

    static String path(JsonMappingException e, String last) {
        String joined = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? "." + reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining());
        if (joined.startsWith(".")) {
            joined = joined.substring(1);
        }
        if (last != null && !joined.endsWith(last)) {
            joined = joined.isEmpty() ? last : joined + "." + last;
        }
        return joined;
    }

    private static String known(Collection<Object> ids) {
        return ids == null || ids.isEmpty()
                ? "none"
                : new TreeSet<>(ids.stream().map(String::valueOf).toList()).stream().collect(Collectors.joining(", "));
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT);
        }
        return "a " + type.getSimpleName();
    }
}
