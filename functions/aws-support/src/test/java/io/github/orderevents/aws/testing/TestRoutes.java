package io.github.orderevents.aws.testing;

/**
 * OUTBOX_ROUTES as template.yaml sets it, for given queues: in each lane OrderPlaced to its inventory and
 * notifications queues, the rest to its notifications queue.
 */
public final class TestRoutes {
    private TestRoutes() {
    }

    /** Both lanes to these two queues. */
    public static String json(String inventoryQueueUrl, String notificationsQueueUrl) {
        return json(inventoryQueueUrl, notificationsQueueUrl, inventoryQueueUrl, notificationsQueueUrl);
    }

    /** The standard lane to the first two queues, the express lane to the others. */
    public static String json(String inventoryQueueUrl, String notificationsQueueUrl, String expressInventoryQueueUrl,
                              String expressNotificationsQueueUrl) {
        return "{\"standard\": " + lane(inventoryQueueUrl, notificationsQueueUrl) + ",\n \"express\": "
                + lane(expressInventoryQueueUrl, expressNotificationsQueueUrl) + "}";
    }

    private static String lane(String inventoryQueueUrl, String notificationsQueueUrl) {
        return """
                {"OrderPlaced": [{"queueUrl": "%1$s", "groupBy": "orderId"},
                                 {"queueUrl": "%2$s", "groupBy": "customerId"}],
                 "OrderConfirmed": [{"queueUrl": "%2$s", "groupBy": "customerId"}],
                 "OrderRejected": [{"queueUrl": "%2$s", "groupBy": "customerId"}]}""".formatted(inventoryQueueUrl, notificationsQueueUrl);
    }
}
