package io.github.orderevents.inventory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.dynamo.DynamoInventory;
import io.github.orderevents.consumer.FifoEventConsumer;
import io.github.orderevents.domain.Ids;
import io.github.orderevents.domain.inventory.InventoryService;

import java.time.Clock;

/** The inventory queue's consumer: OrderPlaced -> reserve and confirm, or reject. Environment: STOCK_TABLE,
 * ORDERS_TABLE, OUTBOX_TABLE, DEAD_LETTER_QUEUE_URL. */
public final class InventoryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final FifoEventConsumer consumer;

    public InventoryHandler() {
        this(Env.current(), AwsClients.fromEnvironment());
    }

    InventoryHandler(Env env, AwsClients aws) {
        this(FifoEventConsumer.fromEnvironment("inventory", new InventoryService(new DynamoInventory(aws.dynamoDb(),
                env.require("STOCK_TABLE"), env.require("ORDERS_TABLE"), env.require("OUTBOX_TABLE"), Clock.systemUTC()),
                Ids.random(), Clock.systemUTC()), env, aws));
        InventoryPriming.register(env, aws);
    }

    InventoryHandler(FifoEventConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return consumer.handle(event, context);
    }
}
