package io.github.orderevents.inventory;

import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.dynamo.OrderItems;
import io.github.orderevents.aws.dynamo.OutboxItems;
import io.github.orderevents.aws.priming.MetricsWarmUps;
import io.github.orderevents.aws.priming.SampleEvents;
import io.github.orderevents.aws.priming.SnapStartPriming;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.List;
import java.util.Map;

import static io.github.orderevents.aws.priming.SnapStartPriming.KEY;
import static io.github.orderevents.aws.priming.DynamoWarmUps.refusedPut;
import static io.github.orderevents.aws.priming.DynamoWarmUps.refusedTransaction;
import static io.github.orderevents.aws.priming.DynamoWarmUps.refusedUpdate;
import static io.github.orderevents.aws.priming.DynamoWarmUps.s;
import static io.github.orderevents.aws.priming.SnapStartPriming.step;
import static io.github.orderevents.aws.priming.SqsWarmUps.emptyBatch;

/**
 * InventoryHandler's SnapStart priming: an OrderPlaced batch decoded as the consumer does, the reservation
 * transaction (stock, order, outbox row) refused, an empty batch to the dead-letter queue, and an EMF metrics
 * line serialized and dropped.
 */
final class InventoryPriming {
    private InventoryPriming() {
    }

    static SnapStartPriming register(Env env, AwsClients aws) {
        DynamoDbClient dynamo = aws.dynamoDb();
        return SnapStartPriming.register("inventory", () -> List.of(
                step("SQS event decode", () -> SampleEvents.decode(SampleEvents.sqsEvent(SampleEvents.orderPlaced()))),
                step("reservation TransactWriteItems refused", refusedTransaction(dynamo,
                        refusedUpdate(env.require("STOCK_TABLE"), Map.of("sku", s(KEY))),
                        refusedUpdate(env.require("ORDERS_TABLE"), Map.of(OrderItems.KEY, s(KEY))),
                        refusedPut(env.require("OUTBOX_TABLE"), OutboxItems.HASH_KEY,
                                OutboxItems.pendingRow(SampleEvents.orderConfirmed())))),
                step("dead-letter queue SendMessageBatch, empty",
                        emptyBatch(aws.build(SqsClient.builder(), "SQS"), env.require("DEAD_LETTER_QUEUE_URL"))),
                MetricsWarmUps.emfLine()));
    }
}
