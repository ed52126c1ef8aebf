package io.github.orderevents.redrive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.orderevents.aws.Json;

import java.util.ArrayList;
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
    record PointerEdits(Map<Pointer, JsonNode> set, List<Pointer> remove) implements BodyFix {
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

        private static void set(JsonNode root, Pointer pointer, JsonNode value) {
            JsonNode parent = existing(root, pointer, pointer.tokens().size() - 1);
            String last = pointer.last();
            if (parent instanceof ObjectNode object) {
                object.set(last, value.deepCopy());
            } else if (parent instanceof ArrayNode array) {
                int index = "-".equals(last) ? array.size() : Pointer.index(last);
                if (index < 0 || index > array.size()) {
                    throw new CannotFix("cannot set " + pointer + ": " + pointer.parent() + " is an array of "
                            + array.size() + " elements; use an index from 0 to " + array.size() + " or -");
                }
                if (index == array.size()) {
                    array.add(value.deepCopy());
                } else {
                    array.set(index, value.deepCopy());
                }
            } else {
                throw new CannotFix("cannot set " + pointer + ": " + pointer.parent() + " is "
                        + kind(parent) + ", not an object or array");
            }
        }

        private static void remove(JsonNode root, Pointer pointer) {
            JsonNode node = root;
            for (String token : pointer.tokens().subList(0, pointer.tokens().size() - 1)) {
                node = child(node, token);
                if (node == null) {
                    return;
                }
            }
            String last = pointer.last();
            if (node instanceof ObjectNode object) {
                object.remove(last);
            } else if (node instanceof ArrayNode array) {
                int index = Pointer.index(last);
                if (index >= 0 && index < array.size()) {
                    array.remove(index);
                }
            }
        }

        /** The node at the first {@code depth} tokens of {@code pointer}, which must exist. */
        private static JsonNode existing(JsonNode root, Pointer pointer, int depth) {
            JsonNode node = root;
            for (int i = 0; i < depth; i++) {
                node = child(node, pointer.tokens().get(i));
                if (node == null) {
                    throw new CannotFix("cannot set " + pointer + ": " + Pointer.of(pointer.tokens().subList(0, i + 1))
                            + " does not exist");
                }
            }
            return node;
        }

        private static JsonNode child(JsonNode node, String token) {
            if (node instanceof ObjectNode object) {
                return object.get(token);
            }
            if (node instanceof ArrayNode array) {
                int index = Pointer.index(token);
                return index >= 0 && index < array.size() ? array.get(index) : null;
            }
            return null;
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

    /** An RFC 6901 JSON Pointer to a member or element below the root (the root itself is not editable). */
    record Pointer(String text, List<String> tokens) {
        public Pointer {
            tokens = List.copyOf(tokens);
        }

        /** @throws IllegalArgumentException saying what is wrong with {@code text} */
        static Pointer parse(String text) {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("JSON Pointer \"\" is the whole body; use replaceBody to replace it");
            }
            if (text.charAt(0) != '/') {
                throw new IllegalArgumentException("JSON Pointer \"" + text + "\" must start with '/'");
            }
            List<String> tokens = new ArrayList<>();
            for (String raw : text.substring(1).split("/", -1)) {
                tokens.add(unescape(text, raw));
            }
            return new Pointer(text, tokens);
        }

        static Pointer of(List<String> tokens) {
            StringBuilder text = new StringBuilder();
            tokens.forEach(token -> text.append('/').append(token.replace("~", "~0").replace("/", "~1")));
            return new Pointer(text.toString(), tokens);
        }

        String last() {
            return tokens.get(tokens.size() - 1);
        }

        Pointer parent() {
            return of(tokens.subList(0, tokens.size() - 1));
        }

        /** The array index a token names, or -1 if it names none ("0", "1", … without leading zeros). */
        static int index(String token) {
            if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
                return -1;
            }
            for (int i = 0; i < token.length(); i++) {
                if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                    return -1;
                }
            }
            return Integer.parseInt(token);
        }

        // RFC 6901: '~' is only ever "~0" (a '~') or "~1" (a '/'); anything else is not a pointer.
        private static String unescape(String text, String raw) {
            StringBuilder token = new StringBuilder(raw.length());
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c != '~') {
                    token.append(c);
                    continue;
                }
                char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
                if (next == '0') {
                    token.append('~');
                } else if (next == '1') {
                    token.append('/');
                } else {
                    throw new IllegalArgumentException("JSON Pointer \"" + text
                            + "\" has a '~' not followed by 0 or 1 (write ~0 for '~' and ~1 for '/')");
                }
                i++;
            }
            return token.toString();
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** This body cannot be fixed as asked; the message is an operator's to look at again. */
    final class CannotFix extends RuntimeException {
        CannotFix(String message) {
            super(message);
        }
    }
}
