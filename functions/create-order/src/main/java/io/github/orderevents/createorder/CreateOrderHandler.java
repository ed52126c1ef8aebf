package io.github.orderevents.createorder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.dynamo.DynamoOrderStore;
import io.github.orderevents.aws.http.ApiHandling;
import io.github.orderevents.domain.Ids;
import io.github.orderevents.domain.OrderService;
import software.amazon.lambda.powertools.idempotency.Idempotency;
import software.amazon.lambda.powertools.idempotency.IdempotencyConfig;
import software.amazon.lambda.powertools.idempotency.persistence.DynamoDBPersistenceStore;

import java.time.Clock;
import java.time.Duration;

/** POST /orders. Environment: ORDERS_TABLE, OUTBOX_TABLE, IDEMPOTENCY_TABLE. */
public final class CreateOrderHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    /** How long a response is replayed for its Idempotency-Key; past that the derived order id still guards. */
    static final Duration IDEMPOTENCY_EXPIRY = Duration.ofHours(24);

    private final OrderPlacement placement;

    public CreateOrderHandler() {
        this(Env.current(), AwsClients.fromEnvironment());
    }

    CreateOrderHandler(Env env, AwsClients aws) {
        this(new OrderService(new DynamoOrderStore(aws.dynamoDb(), env.require("ORDERS_TABLE"), env.require("OUTBOX_TABLE")),
                Ids.random(), Clock.systemUTC()));
        Idempotency.config()
                .withPersistenceStore(DynamoDBPersistenceStore.builder()
                        .withTableName(env.require("IDEMPOTENCY_TABLE"))
                        .withDynamoDbClient(aws.dynamoDb())
                        .build())
                .withConfig(IdempotencyConfig.builder()
                        .withEventKeyJMESPath(KeyedPlacement.KEY_PATH)
                        .withPayloadValidationJMESPath(KeyedPlacement.PAYLOAD_PATH)
                        .withThrowOnNoIdempotencyKey(true)
                        .withExpiration(IDEMPOTENCY_EXPIRY)
                        .build())
                .configure();
    }

    CreateOrderHandler(OrderService orders) {
        this.placement = new OrderPlacement(orders);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent in, Context context) {
        return ApiHandling.respond(in, () -> placement.handle(in, context));
    }
}
