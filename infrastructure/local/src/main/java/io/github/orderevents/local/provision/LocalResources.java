package io.github.orderevents.local.provision;

import io.github.orderevents.local.template.Intrinsics;
import io.github.orderevents.local.template.LocalResource;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The template's resources as provisioned locally, by logical id, and the intrinsics resolver over them. */
public final class LocalResources {
    private final Map<String, LocalResource> byId;
    private final Intrinsics intrinsics;

    LocalResources(Map<String, LocalResource> byId, Intrinsics intrinsics) {
        this.byId = new LinkedHashMap<>(byId);
        this.intrinsics = intrinsics;
    }

    public Optional<LocalResource> find(String logicalId) {
        return Optional.ofNullable(byId.get(logicalId));
    }

    public LocalResource get(String logicalId) {
        return find(logicalId).orElseThrow(() -> new IllegalArgumentException("no local resource " + logicalId));
    }

    public Collection<LocalResource> all() {
        return byId.values();
    }

    /** Resolves values of the template (e.g. a function's environment) against these resources. */
    public Intrinsics intrinsics() {
        return intrinsics;
    }
}
