package io.github.orderevents.aws.testing;

/** OUTBOX_ROUTES as template.yaml sets it, for two given queues: OrderPlaced to both, the rest to notifications. */
public final class TestRoutes {
    private TestRoutes() {
    }

    public static String json(String inventoryQueueUrl, String notificationsQueueUrl) {
        return """
                {"OrderPlaced": [{"queueUrl": "%1$s", "groupBy": "orderId"},
                                 {"queueUrl": "%2$s", "groupBy": "customerId"}],
                 "OrderConfirmed": [{"queueUrl": "%2$s", "groupBy": "customerId"}],
                 "OrderRejected": [{"queueUrl": "%2$s", "groupBy": "customerId"}]}""".formatted(inventoryQueueUrl, notificationsQueueUrl);
    }
}
