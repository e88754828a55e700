package dev.viewgate.base;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Set;

/**
 * A JSON object request body, read strictly: not JSON (also trailing content or a key given twice), not an object, an
 * unknown field or a field of the wrong type is a 400 that says which. Resources take the body as a String so that these answers are Viewgate's, not Keycloak's.
 */
public final class JsonBody {

    /** One JSON value and nothing after it, no key twice: a proxy reading the body differently cannot disagree. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    static final int MAX_LENGTH = 64 * 1024;

    private final JsonNode object;

    private JsonBody(JsonNode object) {
        this.object = object;
    }

    /** Parses {@code body}; an empty body is an empty object. Only {@code allowed} fields may appear. */
    public static JsonBody parse(String body, Set<String> allowed) {
        if (body == null || body.isBlank()) {
            return new JsonBody(JSON.createObjectNode());
        }
        if (body.length() > MAX_LENGTH) {
            throw ViewgateException.of(jakarta.ws.rs.core.Response.Status.REQUEST_ENTITY_TOO_LARGE, "too_large",
                    "The request body is larger than " + MAX_LENGTH + " characters");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ViewgateException.badRequest("invalid_request", "The body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ViewgateException.badRequest("invalid_request", "The body must be a JSON object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw ViewgateException.badRequest("invalid_request", "Unknown field '" + name + "'; allowed: " + allowed);
            }
        });
        return new JsonBody(node);
    }

    public boolean has(String name) {
        return object.hasNonNull(name);
    }

    /** An integer field, or null when absent or null. */
    public Integer integer(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ViewgateException.badRequest("invalid_request", "'" + name + "' must be an integer");
        }
        return value.intValue();
    }

    /** An array of strings; null when absent or null. */
    public java.util.List<String> strings(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw ViewgateException.badRequest("invalid_request", "'" + name + "' must be an array of strings");
        }
        java.util.List<String> strings = new java.util.ArrayList<>();
        value.forEach(item -> {
            if (!item.isTextual()) {
                throw ViewgateException.badRequest("invalid_request", "'" + name + "' must be an array of strings");
            }
            strings.add(InputText.requireText(name, item.asText()));
        });
        return strings;
    }

    /** A boolean field; {@code fallback} when absent or null. */
    public boolean bool(String name, boolean fallback) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw ViewgateException.badRequest("invalid_request", "'" + name + "' must be true or false");
        }
        return value.booleanValue();
    }

    /** A string field, or null when absent, null or blank. */
    public String string(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ViewgateException.badRequest("invalid_request", "'" + name + "' must be a string");
        }
        return value.asText().isBlank() ? null : InputText.requireText(name, value.asText());
    }
}
