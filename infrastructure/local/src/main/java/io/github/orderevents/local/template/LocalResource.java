package io.github.orderevents.local.template;

import java.util.Map;
import java.util.Optional;

/**
 * A template resource as it exists locally: what {@code !Ref} gives for it and its {@code !GetAtt}
 * attributes, plus notes on properties the local backend does not emulate.
 */
public record LocalResource(String logicalId, String type, String ref, Map<String, String> attributes,
                            java.util.List<String> notes) {
    public LocalResource {
        attributes = Map.copyOf(attributes);
        notes = java.util.List.copyOf(notes);
    }

    public LocalResource(String logicalId, String type, String ref, Map<String, String> attributes) {
        this(logicalId, type, ref, attributes, java.util.List.of());
    }

    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** The ARN if the resource has one, else its ref: what the resource table shows. */
    public String address() {
        return attributes.getOrDefault("QueueUrl", attributes.getOrDefault("Arn", ref));
    }
}
