package io.github.orderevents.redrive;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request the tool refuses before touching any queue: answered as {@code {"error", "field"}}. */
final class BadRequest extends RuntimeException {
    private final String field;

    BadRequest(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field at fault, or null when the request as a whole is. */
    String field() {
        return field;
    }

    Map<String, Object> answer() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", getMessage());
        if (field != null) {
            answer.put("field", field);
        }
        return answer;
    }
}
