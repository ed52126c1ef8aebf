package io.github.orderevents.aws.testing.crac;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The global context: the resources registered since the last {@link #clear()}. */
public final class Context {
    private final List<Resource> resources = new ArrayList<>();

    Context() {
    }

    public synchronized void register(Resource resource) {
        resources.add(resource);
    }

    /** How many resources are registered. */
    public synchronized int registered() {
        return resources.size();
    }

    /** Forgets every registration, so a test sees only what it registers itself. */
    public synchronized void clear() {
        resources.clear();
    }

    public void beforeCheckpoint(Context context) throws CheckpointException {
        CheckpointException failure = new CheckpointException();
        List<Resource> reversed = new ArrayList<>(snapshot());
        Collections.reverse(reversed);
        for (Resource resource : reversed) {
            try {
                resource.beforeCheckpoint(this);
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    public void afterRestore(Context context) throws RestoreException {
        RestoreException failure = new RestoreException();
        for (Resource resource : snapshot()) {
            try {
                resource.afterRestore(this);
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private synchronized List<Resource> snapshot() {
        return List.copyOf(resources);
    }
}
