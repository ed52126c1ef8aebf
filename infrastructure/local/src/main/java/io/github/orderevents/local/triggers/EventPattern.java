package io.github.orderevents.local.triggers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.orderevents.local.Json;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One Lambda event filter ({@code FilterCriteria.Filters[].Pattern}) and the test of a record against it,
 * per "Control which events Lambda sends to your function" (AWS Lambda developer guide, filter rule
 * syntax). A pattern mirrors the record's structure; every key of the pattern must match (AND), a leaf
 * is an array of rules of which one must match (OR). Supported rules: exact string, number, boolean and
 * null values; {@code ""}; {@code prefix}, {@code suffix}, {@code equals-ignore-case};
 * {@code anything-but} (a value, a list, or a prefix/suffix); {@code exists}; {@code numeric} with one
 * or two comparisons; {@code $or}. Anything else (e.g. {@code cidr}) is rejected when the pattern is
 * parsed, so a template using it fails loudly instead of filtering wrongly.
 */
public final class EventPattern {
    private final JsonNode pattern;

    private EventPattern(JsonNode pattern) {
        this.pattern = pattern;
    }

    /** Parses and checks a pattern. */
    public static EventPattern parse(String json) {
        JsonNode pattern;
        try {
            pattern = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("filter pattern is not JSON: " + json, e);
        }
        if (pattern == null || !pattern.isObject()) {
            throw new IllegalArgumentException("filter pattern must be a JSON object: " + json);
        }
        validateObject(pattern, json);
        return new EventPattern(pattern);
    }

    /** True when any of {@code patterns} matches the record, or when there are none (no filter). */
    public static boolean anyMatches(List<EventPattern> patterns, JsonNode record) {
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matches(record));
    }

    public boolean matches(JsonNode record) {
        return matchesObject(pattern, record == null ? MissingNode.getInstance() : record);
    }

    @Override
    public String toString() {
        return pattern.toString();
    }

    private static boolean matchesObject(JsonNode pattern, JsonNode value) {
        for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            boolean matched;
            if (field.getKey().equals("$or")) {
                matched = false;
                for (JsonNode alternative : field.getValue()) {
                    matched |= matchesObject(alternative, value);
                }
            } else {
                JsonNode child = value.isObject() && value.has(field.getKey()) ? value.get(field.getKey()) : MissingNode.getInstance();
                matched = field.getValue().isObject()
                        ? matchesObject(field.getValue(), child)
                        : matchesRules(field.getValue(), child);
            }
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesRules(JsonNode rules, JsonNode value) {
        for (JsonNode rule : rules) {
            if (rule.isObject() && rule.has("exists")) {
                if (rule.get("exists").asBoolean() == !value.isMissingNode()) {
                    return true;
                }
                continue;
            }
            if (value.isMissingNode()) {
                continue;
            }
            if (value.isArray()) {
                // A list in the record matches when one of its elements does (as in EventBridge patterns).
                for (JsonNode element : value) {
                    if (matchesRule(rule, element)) {
                        return true;
                    }
                }
            } else if (matchesRule(rule, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesRule(JsonNode rule, JsonNode value) {
        if (!rule.isObject()) {
            return equalValues(rule, value);
        }
        Map.Entry<String, JsonNode> operator = rule.fields().next();
        JsonNode operand = operator.getValue();
        return switch (operator.getKey()) {
            case "prefix" -> value.isTextual() && value.asText().startsWith(operand.asText());
            case "suffix" -> value.isTextual() && value.asText().endsWith(operand.asText());
            case "equals-ignore-case" -> value.isTextual() && value.asText().equalsIgnoreCase(operand.asText());
            case "anything-but" -> !anythingButExcludes(operand, value);
            case "numeric" -> numeric(operand, value);
            default -> throw new IllegalStateException("unchecked rule " + rule);
        };
    }

    private static boolean anythingButExcludes(JsonNode operand, JsonNode value) {
        if (operand.isArray()) {
            for (JsonNode excluded : operand) {
                if (equalValues(excluded, value)) {
                    return true;
                }
            }
            return false;
        }
        if (operand.isObject()) {
            return matchesRule(operand, value);
        }
        return equalValues(operand, value);
    }

    private static boolean equalValues(JsonNode rule, JsonNode value) {
        if (rule.isNull()) {
            return value.isNull();
        }
        if (rule.isNumber()) {
            return value.isNumber() && rule.decimalValue().compareTo(value.decimalValue()) == 0;
        }
        if (rule.isBoolean()) {
            return value.isBoolean() && rule.booleanValue() == value.booleanValue();
        }
        return value.isTextual() && rule.asText().equals(value.asText());
    }

    /** DynamoDB numbers arrive as strings ({"N": "42"}), so a numeric string compares as its number. */
    private static boolean numeric(JsonNode comparisons, JsonNode value) {
        BigDecimal number;
        if (value.isNumber()) {
            number = value.decimalValue();
        } else if (value.isTextual()) {
            try {
                number = new BigDecimal(value.asText());
            } catch (NumberFormatException e) {
                return false;
            }
        } else {
            return false;
        }
        for (int i = 0; i < comparisons.size(); i += 2) {
            int c = number.compareTo(comparisons.get(i + 1).decimalValue());
            boolean holds = switch (comparisons.get(i).asText()) {
                case "=" -> c == 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> false;
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static void validateObject(JsonNode pattern, String source) {
        for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (field.getKey().equals("$or")) {
                if (!value.isArray() || value.size() < 2) {
                    throw invalid(source, "$or needs an array of at least two patterns");
                }
                for (JsonNode alternative : value) {
                    if (!alternative.isObject()) {
                        throw invalid(source, "$or alternatives must be objects");
                    }
                    validateObject(alternative, source);
                }
            } else if (value.isObject()) {
                validateObject(value, source);
            } else if (value.isArray()) {
                if (value.isEmpty()) {
                    throw invalid(source, "empty rule list for \"" + field.getKey() + "\"");
                }
                for (JsonNode rule : value) {
                    validateRule(rule, source);
                }
            } else {
                throw invalid(source, "\"" + field.getKey() + "\" must be an object or an array of rules");
            }
        }
    }

    private static void validateRule(JsonNode rule, String source) {
        if (rule.isValueNode()) {
            return;
        }
        if (!rule.isObject() || rule.size() != 1) {
            throw invalid(source, "a rule is a value or an object with one operator: " + rule);
        }
        Map.Entry<String, JsonNode> operator = rule.fields().next();
        JsonNode operand = operator.getValue();
        switch (operator.getKey()) {
            case "prefix", "suffix", "equals-ignore-case" -> {
                if (!operand.isTextual()) {
                    throw invalid(source, operator.getKey() + " takes a string: " + rule);
                }
            }
            case "exists" -> {
                if (!operand.isBoolean()) {
                    throw invalid(source, "exists takes true or false: " + rule);
                }
            }
            case "anything-but" -> {
                if (operand.isArray()) {
                    operand.forEach(v -> {
                        if (!v.isValueNode()) {
                            throw invalid(source, "anything-but takes values: " + rule);
                        }
                    });
                } else if (operand.isObject()) {
                    if (operand.size() != 1 || !(operand.has("prefix") || operand.has("suffix"))) {
                        throw invalid(source, "anything-but takes values, a prefix or a suffix: " + rule);
                    }
                    validateRule(operand, source);
                } else if (!operand.isValueNode()) {
                    throw invalid(source, "anything-but takes values: " + rule);
                }
            }
            case "numeric" -> {
                if (!operand.isArray() || (operand.size() != 2 && operand.size() != 4)) {
                    throw invalid(source, "numeric takes one or two comparisons: " + rule);
                }
                for (int i = 0; i < operand.size(); i += 2) {
                    if (!List.of("=", "<", "<=", ">", ">=").contains(operand.get(i).asText()) || !operand.get(i + 1).isNumber()) {
                        throw invalid(source, "numeric comparison must be an operator and a number: " + rule);
                    }
                }
            }
            default -> throw invalid(source, "unsupported filter rule " + rule);
        }
    }

    private static IllegalArgumentException invalid(String source, String why) {
        return new IllegalArgumentException("invalid filter pattern " + source + ": " + why);
    }
}
