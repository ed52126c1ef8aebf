package io.github.orderevents.redrive;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.orderevents.aws.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An operator's edit of a dead-lettered message body before it is re-sent: JSON Pointer (RFC 6901)
 * edits of a JSON object body, or a whole new body. Pure: no I/O, the same input gives the same output.
 */
sealed interface BodyFix {
    /**
     * Reads JSON trees as {@link Json#MAPPER} does, but keeps decimals as written: by default Jackson's
     * tree model strips trailing zeros, which would turn an untouched {@code 10.50} into {@code 10.5} and
     * {@code 100.0} into {@code 1E+2}.
     */
    ObjectReader TREES = Json.MAPPER.reader().without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    /** The body to send instead of {@code body}. @throws CannotFix saying why this body cannot be fixed */
    String apply(String body);

    /**
     * Sets values (in the given order), then removes paths. A set needs the parent of its target to
     * exist (a typo must not grow a new branch); it replaces an existing member or array element, adds
     * a new member, or appends to an array (index {@code -} or the array's length). Removing a path
     * that does not exist changes nothing: across many messages, some may already lack it.
     */
    record PointerEdits(Map<JsonPointer, JsonNode> set, List<JsonPointer> remove) implements BodyFix {
        public PointerEdits {
            set = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(set));
            remove = List.copyOf(remove);
        }

        @Override
        public String apply(String body) {
            JsonNode root;
            try {
                root = TREES.readTree(body);
            } catch (JsonProcessingException e) {
                throw new CannotFix("body is not valid JSON, so JSON Pointer edits cannot apply; "
                        + "use {\"replaceBody\": \"...\"} with exactly one messageId");
            }
            if (root == null || !root.isObject()) {
                throw new CannotFix("body is not a JSON object, so JSON Pointer edits cannot apply; "
                        + "use {\"replaceBody\": \"...\"} with exactly one messageId");
            }
            set.forEach((pointer, value) -> set(root, pointer, value));
            remove.forEach(pointer -> remove(root, pointer));
            return Json.write(root);
        }

        private static void set(JsonNode root, JsonPointer pointer, JsonNode value) {
            JsonPointer parentPointer = pointer.head();
            JsonNode parent = root.at(parentPointer);
            JsonPointer last = pointer.last();
            if (parent.isMissingNode()) {
                throw new CannotFix("cannot set " + pointer + ": " + firstMissing(root, parentPointer) + " does not exist");
            }
            if (parent instanceof ObjectNode object) {
                object.set(last.getMatchingProperty(), value.deepCopy());
            } else if (parent instanceof ArrayNode array) {
                int index = last.mayMatchElement() ? last.getMatchingIndex()
                        : "-".equals(last.getMatchingProperty()) ? array.size() : -1;
                if (index < 0 || index > array.size()) {
                    throw new CannotFix("cannot set " + pointer + ": " + parentPointer + " is an array of "
                            + array.size() + " elements; use an index from 0 to " + array.size() + " or -");
                }
                if (index == array.size()) {
                    array.add(value.deepCopy());
                } else {
                    array.set(index, value.deepCopy());
                }
            } else {
                throw new CannotFix("cannot set " + pointer + ": " + parentPointer + " is "
                        + kind(parent) + ", not an object or array");
            }
        }

        private static void remove(JsonNode root, JsonPointer pointer) {
            JsonNode parent = root.at(pointer.head());
            JsonPointer last = pointer.last();
            if (parent instanceof ObjectNode object) {
                object.remove(last.getMatchingProperty());
            } else if (parent instanceof ArrayNode array && last.mayMatchElement() && last.getMatchingIndex() < array.size()) {
                array.remove(last.getMatchingIndex());
            }
        }

        /** The shortest prefix of {@code pointer} (itself missing in {@code root}) that names nothing in {@code root}. */
        private static JsonPointer firstMissing(JsonNode root, JsonPointer pointer) {
            JsonPointer missing = pointer;
            for (JsonPointer prefix = pointer.head(); prefix != null && !prefix.matches(); prefix = prefix.head()) {
                if (root.at(prefix).isMissingNode()) {
                    missing = prefix;
                }
            }
            return missing;
        }

        private static String kind(JsonNode node) {
            return switch (node.getNodeType()) {
                case STRING -> "a string";
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL -> "null";
                default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
            };
        }
    }

    /** A whole new body, for a body that is not a JSON object (or that an operator rewrites by hand). */
    record ReplaceBody(String body) implements BodyFix {
        public ReplaceBody {
            if (body == null || body.isEmpty()) {
                throw new IllegalArgumentException("replaceBody must not be empty (SQS takes no empty body)");
            }
        }

        @Override
        public String apply(String ignored) {
            return body;
        }
    }

    /**
     * The RFC 6901 JSON Pointer {@code text}, to a member or element below the root (the root itself is not
     * editable). Stricter than {@link JsonPointer#compile}, which reads a '~' not followed by 0 or 1 as
     * itself: in a fix, that is more likely a mistyped escape than a name with a '~' in it.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    static JsonPointer pointer(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("JSON Pointer \"\" is the whole body; use replaceBody to replace it");
        }
        if (text.charAt(0) != '/') {
            throw new IllegalArgumentException("JSON Pointer \"" + text + "\" must start with '/'");
        }
        for (int i = text.indexOf('~'); i >= 0; i = text.indexOf('~', i + 2)) {
            if (i + 1 == text.length() || (text.charAt(i + 1) != '0' && text.charAt(i + 1) != '1')) {
                throw new IllegalArgumentException("JSON Pointer \"" + text
                        + "\" has a '~' not followed by 0 or 1 (write ~0 for '~' and ~1 for '/')");
            }
        }
        return JsonPointer.compile(text);
    }

    /** This body cannot be fixed as asked; the message is an operator's to look at again. */
    final class CannotFix extends RuntimeException {
        CannotFix(String message) {
            super(message);
        }
    }
}
