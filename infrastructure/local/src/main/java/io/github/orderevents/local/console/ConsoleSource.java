package io.github.orderevents.local.console;

import io.github.orderevents.local.metrics.LocalMetrics;
import io.github.orderevents.local.provision.LocalResources;
import io.github.orderevents.local.sqs.SqsEndpoint;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.List;
import java.util.Optional;

/**
 * What the console reads of a running local cloud: the template's resources as provisioned, clients of its
 * backends, the local SQS endpoint (for DLQ redrives), the queues' depths, the functions' counters and the metrics. The
 * console knows nothing else of what runs, and nothing of the application.
 */
public interface ConsoleSource {
    /** The template's resources by logical id: the console finds its tables and queues there. */
    LocalResources resources();

    DynamoDbClient dynamo();

    SqsClient sqs();

    /** The local SQS endpoint with message move tasks; empty with an external backend (no DLQ redrive then). */
    Optional<SqsEndpoint> sqsFront();

    /** Every queue of the template with its depth. */
    List<QueueDepth> queueDepths();

    /** Every function of the template with its counters. */
    List<FunctionSummary> functions();

    /** The metrics over the last minutes: the functions' EMF lines, their invocations, the queues' depths. */
    LocalMetrics metrics();
}
