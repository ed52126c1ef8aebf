package io.github.orderevents.aws.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.domain.InvalidRequestException;

import java.util.Iterator;
import java.util.Set;

/** Reads an API request body as a JSON object, strictly: the checks every request parser shares. */
public final class JsonBody {
    private JsonBody() {
    }

    /** The body as a JSON object. @throws InvalidRequestException if it is not valid JSON or not an object */
    public static JsonNode object(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(null, "request body is not valid JSON: " + e.getOriginalMessage());
        } catch (NumberFormatException e) {
            // Jackson reads a decimal like 1e99999999999999999999 into BigDecimal and fails outside its own exceptions.
            throw new InvalidRequestException(null, "request body is not valid JSON: a number is out of range");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException(null, "request body must be a JSON object");
        }
        return root;
    }

    /** Refuses a field not in {@code known}: a misspelt field is an error, not a silent default. */
    public static void rejectUnknownFields(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
                throw new InvalidRequestException(prefix + shown, "unknown field '" + shown + "'");
            }
        }
    }
}
