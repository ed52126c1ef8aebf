package io.github.orderevents.createorder;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.github.orderevents.aws.AwsClients;
import io.github.orderevents.aws.Env;
import io.github.orderevents.aws.dynamo.OrderItems;
import io.github.orderevents.aws.dynamo.OutboxItems;
import io.github.orderevents.aws.http.ApiRequests;
import io.github.orderevents.aws.priming.MetricsWarmUps;
import io.github.orderevents.aws.priming.SnapStartPriming;
import io.github.orderevents.domain.Ids;
import io.github.orderevents.domain.Order;
import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.OrderService;
import io.github.orderevents.domain.OrderStore;
import io.github.orderevents.domain.RequestContext;
import io.github.orderevents.domain.ValidPlaceOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.github.orderevents.aws.priming.SnapStartPriming.KEY;
import static io.github.orderevents.aws.priming.DynamoWarmUps.missingItem;
import static io.github.orderevents.aws.priming.DynamoWarmUps.refusedPut;
import static io.github.orderevents.aws.priming.DynamoWarmUps.refusedTransaction;
import static io.github.orderevents.aws.priming.DynamoWarmUps.s;
import static io.github.orderevents.aws.priming.SnapStartPriming.step;

/**
 * CreateOrderHandler's SnapStart priming: a POST /orders read, validated, placed and answered as the handler
 * does, except that the order's transaction is one DynamoDB refuses; a read of each table it reads; and an EMF
 * metrics line serialized and dropped.
 */
final class CreateOrderPriming {
    private static final String BODY = """
            {"customerId": "snapstart-priming", "currency": "EUR",
             "items": [{"sku": "SKU-PRIMING-1", "quantity": 2, "unitPrice": "12.50"}]}""";

    private CreateOrderPriming() {
    }

    static SnapStartPriming register(Env env, AwsClients aws) {
        DynamoDbClient dynamo = aws.dynamoDb();
        String orders = env.require("ORDERS_TABLE");
        String outbox = env.require("OUTBOX_TABLE");
        OrderStore refusing = new OrderStore() {
            @Override
            public void create(Order order, OrderEvent event) {
                try {
                    refusedTransaction(dynamo, refusedPut(orders, OrderItems.KEY, OrderItems.toItem(order)),
                            refusedPut(outbox, OutboxItems.HASH_KEY, OutboxItems.pendingRow(event))).run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public Optional<Order> find(String orderId) {
                return Optional.empty();
            }
        };
        OrderService service = new OrderService(refusing, primingIds(), Clock.systemUTC());
        return SnapStartPriming.register("create-order", () -> List.of(
                step("POST /orders, its order and outbox TransactWriteItems refused", () -> place(service)),
                step("orders GetItem", missingItem(dynamo, orders, Map.of(OrderItems.KEY, s(KEY)))),
                step("idempotency GetItem", missingItem(dynamo, env.require("IDEMPOTENCY_TABLE"), Map.of("id", s(KEY)))),
                MetricsWarmUps.emfLine()));
    }

    private static void place(OrderService service) {
        APIGatewayProxyRequestEvent in = new APIGatewayProxyRequestEvent().withHttpMethod("POST").withPath("/orders")
                .withHeaders(Map.of("Content-Type", "application/json", ApiRequests.CORRELATION_HEADER, KEY))
                .withBody(BODY);
        ApiRequests.requireJsonContent(in);
        ValidPlaceOrder order = new ValidPlaceOrder(PlaceOrderJson.parse(ApiRequests.body(in)));
        Order placed = service.place(order, new RequestContext(ApiRequests.correlationId(in), ApiRequests.idempotencyKey(in)));
        StoredResponse.created(placed).toApiResponse();
    }

    /** The reserved key as order and event id: the refused items are keyed like nothing the application writes. */
    private static Ids primingIds() {
        return new Ids() {
            @Override
            public String newOrderId() {
                return KEY;
            }

            @Override
            public String newEventId() {
                return KEY;
            }
        };
    }
}
