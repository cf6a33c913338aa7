package dev.datafactory.model.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafactory.model.validation.Problems;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one JSON object of an operator-written input strictly: wrong types and missing fields are
 * recorded as {@link Problems} with their JSON path, and {@link #finish()} reports every field that
 * nobody asked for. Jackson's data binding stops at the first error; operators want them all.
 */
public final class StrictObject {

    private final ObjectNode node;
    private final String path;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();

    private StrictObject(ObjectNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** The root of a document; empty (with a problem recorded) when it is not an object. */
    public static Optional<StrictObject> root(JsonNode node, Problems problems) {
        return of(node, "", problems);
    }

    public static Optional<StrictObject> of(JsonNode node, String path, Problems problems) {
        if (node instanceof ObjectNode object) {
            return Optional.of(new StrictObject(object, path, problems));
        }
        problems.add(path, "must be a JSON object, not " + describe(node));
        return Optional.empty();
    }

    public String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    public Problems problems() {
        return problems;
    }

    public boolean has(String field) {
        known.add(field);
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public String requiredString(String field) {
        return optionalString(field).orElseGet(() -> {
            if (!node.has(field)) {
                problems.add(path(field), "is required");
            } else if (node.get(field).isNull()) {
                problems.add(path(field), "is required and must not be null");
            }
            return "";
        });
    }

    public String string(String field, String defaultValue) {
        return optionalString(field).orElse(defaultValue);
    }

    public Optional<String> optionalString(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            wrongType(field, "a string", value);
            return Optional.empty();
        }
        return Optional.of(value.textValue());
    }

    public int integer(String field, int defaultValue, int min, int max) {
        JsonNode value = value(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            wrongType(field, "a whole number", value);
            return defaultValue;
        }
        int n = value.intValue();
        if (n < min || n > max) {
            problems.add(path(field), "must be between " + min + " and " + max + ", was " + n);
            return defaultValue;
        }
        return n;
    }

    public long longValue(String field, long defaultValue, long min, long max) {
        JsonNode value = value(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            wrongType(field, "a whole number", value);
            return defaultValue;
        }
        long n = value.longValue();
        if (n < min || n > max) {
            problems.add(path(field), "must be between " + min + " and " + max + ", was " + n);
            return defaultValue;
        }
        return n;
    }

    public boolean bool(String field, boolean defaultValue) {
        JsonNode value = value(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            wrongType(field, "true or false", value);
            return defaultValue;
        }
        return value.booleanValue();
    }

    public Optional<StrictObject> object(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        return of(value, path(field), problems);
    }

    public List<String> strings(String field) {
        List<String> result = new ArrayList<>();
        JsonNode value = value(field);
        if (value == null) {
            return result;
        }
        if (!value.isArray()) {
            wrongType(field, "a list of strings", value);
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isTextual()) {
                result.add(item.textValue());
            } else {
                problems.add(path(field) + "[" + i + "]", "must be a string, not " + describe(item));
            }
        }
        return result;
    }

    public List<Integer> integers(String field, int min, int max) {
        List<Integer> result = new ArrayList<>();
        JsonNode value = value(field);
        if (value == null) {
            return result;
        }
        if (!value.isArray()) {
            wrongType(field, "a list of whole numbers", value);
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = path(field) + "[" + i + "]";
            if (!item.isIntegralNumber() || !item.canConvertToInt()) {
                problems.add(itemPath, "must be a whole number, not " + describe(item));
            } else if (item.intValue() < min || item.intValue() > max) {
                problems.add(itemPath, "must be between " + min + " and " + max + ", was " + item.intValue());
            } else {
                result.add(item.intValue());
            }
        }
        return result;
    }

    /** A JSON object whose values are objects, in document order. */
    public Map<String, StrictObject> objects(String field) {
        Map<String, StrictObject> result = new LinkedHashMap<>();
        JsonNode value = value(field);
        if (value == null) {
            return result;
        }
        if (!value.isObject()) {
            wrongType(field, "an object", value);
            return result;
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            of(entry.getValue(), path(field) + "." + entry.getKey(), problems)
                    .ifPresent(o -> result.put(entry.getKey(), o));
        }
        return result;
    }

    /** A JSON object whose values are strings, in document order. */
    public Map<String, String> stringMap(String field) {
        Map<String, String> result = new LinkedHashMap<>();
        JsonNode value = value(field);
        if (value == null) {
            return result;
        }
        if (!value.isObject()) {
            wrongType(field, "an object of strings", value);
            return result;
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (entry.getValue().isTextual()) {
                result.put(entry.getKey(), entry.getValue().textValue());
            } else {
                problems.add(path(field) + "." + entry.getKey(), "must be a string, not " + describe(entry.getValue()));
            }
        }
        return result;
    }

    /** Reports every field present in the document that no reader asked for. */
    public void finish() {
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String name = property.getKey();
            if (!known.contains(name)) {
                problems.add(path(name), "unknown field; expected one of: " + String.join(", ", known));
            }
        }
    }

    private JsonNode value(String field) {
        known.add(field);
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private void wrongType(String field, String expected, JsonNode actual) {
        problems.add(path(field), "must be " + expected + ", not " + describe(actual));
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
