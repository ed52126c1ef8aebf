package io.github.orderevents.local.template;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.orderevents.local.template.SamTemplate.list;
import static io.github.orderevents.local.template.SamTemplate.map;

/**
 * Resolves CloudFormation intrinsic functions to local values: Ref, Fn::GetAtt, Fn::Sub, Fn::Join,
 * Fn::If (with the template's Conditions), Fn::Equals, Fn::Not, Fn::And, Fn::Or, Fn::Select,
 * Fn::Split, Fn::FindInMap, Fn::Base64, and the pseudo parameters. {@code AWS::NoValue} removes the
 * key or list element that holds it, as in CloudFormation. Resources are looked up through a function,
 * so the caller can create one on first reference.
 */
public final class Intrinsics {
    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]+)}");

    private final Map<String, String> parameters;
    private final Map<String, Object> conditions;
    private final Map<String, Object> mappings;
    private final Function<String, LocalResource> resources;
    private final Map<String, Boolean> evaluatedConditions = new LinkedHashMap<>();

    /**
     * @param parameters values of the template's parameters and of the pseudo parameters (AWS::Region, ...)
     * @param resources  the local resource of a logical id (may provision it); throws if there is none
     */
    public Intrinsics(Map<String, Object> template, Map<String, String> parameters,
                      Function<String, LocalResource> resources) {
        this.parameters = Map.copyOf(parameters);
        this.conditions = map(template.get("Conditions"));
        this.mappings = map(template.get("Mappings"));
        this.resources = resources;
    }

    /** {@code value} with every intrinsic replaced by its local value. */
    public Object resolve(Object value) {
        Object resolved = evaluate(value);
        return resolved == NO_VALUE ? null : resolved;
    }

    /** {@code value} resolved to a string (numbers and booleans as text). */
    public String resolveString(Object value) {
        Object resolved = resolve(value);
        if (resolved instanceof Map<?, ?> || resolved instanceof List<?>) {
            throw new IllegalArgumentException("expected a string, found " + resolved);
        }
        return resolved == null ? null : String.valueOf(resolved);
    }

    /** Whether the template condition {@code name} holds. */
    public boolean condition(String name) {
        Boolean known = evaluatedConditions.get(name);
        if (known != null) {
            return known;
        }
        if (!conditions.containsKey(name)) {
            throw new IllegalArgumentException("unknown condition " + name);
        }
        boolean value = truth(evaluate(conditions.get(name)));
        evaluatedConditions.put(name, value);
        return value;
    }

    private Object evaluate(Object value) {
        if (value instanceof Map<?, ?> raw) {
            Map<String, Object> node = map(raw);
            if (node.size() == 1) {
                var entry = node.entrySet().iterator().next();
                String key = entry.getKey();
                if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition")) {
                    return function(key, entry.getValue());
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            node.forEach((k, v) -> {
                Object resolved = evaluate(v);
                if (resolved != NO_VALUE) {
                    out.put(k, resolved);
                }
            });
            return out;
        }
        if (value instanceof List<?> items) {
            List<Object> out = new ArrayList<>();
            for (Object item : items) {
                Object resolved = evaluate(item);
                if (resolved != NO_VALUE) {
                    out.add(resolved);
                }
            }
            return out;
        }
        return value;
    }

    private Object function(String name, Object argument) {
        return switch (name) {
            case "Ref" -> ref(String.valueOf(argument));
            case "Condition" -> condition(String.valueOf(argument));
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> {
                List<Object> args = list(argument);
                String separator = String.valueOf(evaluate(args.get(0)));
                List<String> parts = new ArrayList<>();
                for (Object part : list(evaluate(args.get(1)))) {
                    parts.add(String.valueOf(part));
                }
                yield String.join(separator, parts);
            }
            case "Fn::If" -> {
                List<Object> args = list(argument);
                yield condition(String.valueOf(args.get(0))) ? evaluate(args.get(1)) : evaluate(args.get(2));
            }
            case "Fn::Equals" -> {
                List<Object> args = list(argument);
                yield String.valueOf(evaluate(args.get(0))).equals(String.valueOf(evaluate(args.get(1))));
            }
            case "Fn::Not" -> !truth(evaluate(list(argument).get(0)));
            case "Fn::And" -> list(argument).stream().allMatch(c -> truth(evaluate(c)));
            case "Fn::Or" -> list(argument).stream().anyMatch(c -> truth(evaluate(c)));
            case "Fn::Select" -> {
                List<Object> args = list(argument);
                int index = Integer.parseInt(String.valueOf(evaluate(args.get(0))));
                yield list(evaluate(args.get(1))).get(index);
            }
            case "Fn::Split" -> {
                List<Object> args = list(argument);
                String separator = String.valueOf(evaluate(args.get(0)));
                yield List.of(String.valueOf(evaluate(args.get(1))).split(Pattern.quote(separator), -1));
            }
            case "Fn::FindInMap" -> {
                List<Object> args = list(argument);
                Object found = map(map(mappings.get(String.valueOf(evaluate(args.get(0)))))
                        .get(String.valueOf(evaluate(args.get(1))))).get(String.valueOf(evaluate(args.get(2))));
                if (found == null) {
                    throw new IllegalArgumentException("Fn::FindInMap found nothing for " + args);
                }
                yield found;
            }
            case "Fn::Base64" -> Base64.getEncoder().encodeToString(String.valueOf(evaluate(argument)).getBytes());
            default -> throw new IllegalArgumentException(name + " is not supported by the local cloud");
        };
    }

    private Object ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        String parameter = parameters.get(name);
        if (parameter != null) {
            return parameter;
        }
        if (name.startsWith("AWS::")) {
            throw new IllegalArgumentException("pseudo parameter " + name + " has no local value");
        }
        return resources.apply(name).ref();
    }

    private String getAtt(Object argument) {
        List<Object> args = list(evaluate(argument));
        return attribute(String.valueOf(args.get(0)), String.valueOf(args.get(1)));
    }

    private String attribute(String logicalId, String attribute) {
        LocalResource resource = resources.apply(logicalId);
        return resource.attribute(attribute).orElseThrow(() -> new IllegalArgumentException(
                "the local " + resource.type() + " " + logicalId + " has no attribute " + attribute));
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> args) {
            text = String.valueOf(args.get(0));
            variables = map(evaluate(args.get(1)));
        } else {
            text = String.valueOf(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (!matcher.group(1).isEmpty()) {
                replacement = "${" + matcher.group(2) + "}"; // ${!Literal} stays literal
            } else {
                String name = matcher.group(2).trim();
                if (variables.containsKey(name)) {
                    replacement = String.valueOf(variables.get(name));
                } else if (parameters.containsKey(name) || !name.contains(".")) {
                    replacement = String.valueOf(ref(name));
                } else {
                    int dot = name.indexOf('.');
                    replacement = attribute(name.substring(0, dot), name.substring(dot + 1));
                }
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static boolean truth(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return Boolean.parseBoolean(String.valueOf(value));
    }
}
