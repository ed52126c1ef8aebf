/**
 * A CRaC implementation for tests, found by org.crac through {@code -Dorg.crac.Core.Compat=} this package (set
 * in the parent pom's surefire configuration), as Lambda's runtime makes org.crac find its own. The class names
 * are the ones org.crac looks up: Core, Context, Resource, CheckpointException, RestoreException. Unlike a real
 * checkpoint, {@link io.github.orderevents.aws.testing.crac.Core#checkpointRestore()} only runs the hooks, in
 * Lambda's order: beforeCheckpoint last registered first, afterRestore in registration order.
 */
package io.github.orderevents.aws.testing.crac;
