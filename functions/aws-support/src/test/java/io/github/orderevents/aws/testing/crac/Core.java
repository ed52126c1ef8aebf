package io.github.orderevents.aws.testing.crac;

/** The entry points org.crac calls: the global context, and a "checkpoint" that runs the hooks. */
public final class Core {
    private static final Context GLOBAL = new Context();

    private Core() {
    }

    public static Context getGlobalContext() {
        return GLOBAL;
    }

    /** What {@code org.crac.Core.checkpointRestore()} does here: every beforeCheckpoint, then every afterRestore. */
    public static void checkpointRestore() throws CheckpointException, RestoreException {
        GLOBAL.beforeCheckpoint(null);
        GLOBAL.afterRestore(null);
    }
}
