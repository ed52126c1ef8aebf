package io.github.orderevents.aws.testing.crac;

/** What org.crac registers here: a proxy of an {@code org.crac.Resource}, held by org.crac weakly. */
public interface Resource {
    void beforeCheckpoint(Context context) throws Exception;

    void afterRestore(Context context) throws Exception;
}
