package io.github.orderevents.aws;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.outbox.GroupKey;
import io.github.orderevents.domain.outbox.Route;
import io.github.orderevents.domain.outbox.RoutingTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingConfigTest {
    private static final String INVENTORY = "https://sqs.eu-west-1.amazonaws.com/123456789012/inventory.fifo";
    private static final String NOTIFICATIONS = "https://sqs.eu-west-1.amazonaws.com/123456789012/notifications.fifo";

    private static String route(String queueUrl, String groupBy) {
        return "{\"queueUrl\":\"" + queueUrl + "\",\"groupBy\":\"" + groupBy + "\"}";
    }

    /** The routes template.yaml sets, with {@code placed} as the OrderPlaced entry's JSON value. */
    private static String config(String placed) {
        return "{\"OrderPlaced\":" + placed + ","
                + "\"OrderConfirmed\":[" + route(NOTIFICATIONS, "customerId") + "],"
                + "\"OrderRejected\":[" + route(NOTIFICATIONS, "customerId") + "]}";
    }

    private static final String VALID = config("[" + route(INVENTORY, "orderId") + "," + route(NOTIFICATIONS, "customerId") + "]");

    @Test
    void parsesTheRoutesOfEveryEventTypeInOrder() {
        RoutingTable table = RoutingConfig.parse(VALID);

        assertThat(table.routesFor(EventType.OrderPlaced)).containsExactly(
                new Route(INVENTORY, GroupKey.orderId), new Route(NOTIFICATIONS, GroupKey.customerId));
        assertThat(table.routesFor(EventType.OrderConfirmed)).containsExactly(new Route(NOTIFICATIONS, GroupKey.customerId));
        assertThat(table.routesFor(EventType.OrderRejected)).containsExactly(new Route(NOTIFICATIONS, GroupKey.customerId));
        assertThat(table.destinations()).containsExactlyInAnyOrder(INVENTORY, NOTIFICATIONS);
    }

    @Test
    void acceptsWhitespaceAndLineBreaksAsTemplateYamlMayWriteThem() {
        String pretty = VALID.replace(",", ",\n  ").replace("{", "{ ").replace("[", "[\n");

        RoutingTable table = RoutingConfig.parse(pretty);

        assertThat(table.routesFor(EventType.OrderPlaced)).hasSize(2);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"{\"OrderPlaced\": [", "OrderPlaced=inventory", "{'OrderPlaced': []}"})
    void refusesInvalidJsonNamingTheVariable(String json) {
        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("OUTBOX_ROUTES is not valid JSON");
    }

    @Test
    void refusesTheSameEventTypeTwice() {
        String twice = "{\"OrderPlaced\":[" + route(INVENTORY, "orderId") + "]," + VALID.substring(1);

        assertThatThrownBy(() -> RoutingConfig.parse(twice))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OUTBOX_ROUTES")
                .hasMessageContaining("OrderPlaced");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"[]", "\"OrderPlaced\"", "42", "null", ""})
    void refusesJsonThatIsNotAnObject(String json) {
        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OUTBOX_ROUTES");
    }

    @Test
    void refusesAnUnknownEventTypeNamingIt() {
        String json = VALID.replace("}]}", "}],\"OrderShipped\":[" + route(NOTIFICATIONS, "customerId") + "]}");

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("OUTBOX_ROUTES names unknown event type 'OrderShipped'");
    }

    @Test
    void refusesAnEventTypeInTheWrongCase() {
        String json = VALID.replace("\"OrderPlaced\"", "\"orderPlaced\"");

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown event type 'orderPlaced'");
    }

    @Test
    void refusesAnUnknownGroupByNamingTheTypeAndTheValue() {
        String json = config("[" + route(INVENTORY, "sku") + "]");

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("OUTBOX_ROUTES: groupBy of OrderPlaced must be orderId or customerId, was 'sku'");
    }

    @Test
    void refusesAMissingGroupBy() {
        String json = config("[{\"queueUrl\":\"" + INVENTORY + "\"}]");

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("groupBy of OrderPlaced must be orderId or customerId");
    }

    @Test
    void refusesAMissingQueueUrlNamingTheType() {
        String json = config("[{\"groupBy\":\"orderId\"}]");

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("OUTBOX_ROUTES: a route of OrderPlaced has no queueUrl");
    }

    @Test
    void refusesABlankQueueUrl() {
        String json = config("[" + route("  ", "orderId") + "]");

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a route of OrderPlaced has no queueUrl");
    }

    @Test
    void refusesAMissingEventTypeNamingIt() {
        String json = "{\"OrderPlaced\":[" + route(INVENTORY, "orderId") + "],"
                + "\"OrderConfirmed\":[" + route(NOTIFICATIONS, "customerId") + "]}";

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("OUTBOX_ROUTES: ")
                .hasMessageContaining("no route for event type OrderRejected");
    }

    @Test
    void refusesAnEventTypeWithAnEmptyRouteList() {
        String json = config("[]");

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no route for event type OrderPlaced");
    }

    @Test
    void refusesTheSameQueueTwiceForOneEventType() {
        String json = config("[" + route(INVENTORY, "orderId") + "," + route(INVENTORY, "customerId") + "]");

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("OUTBOX_ROUTES: ")
                .hasMessageContaining("OrderPlaced names a destination twice");
    }

    @Test
    void refusesASingleRouteObjectWhereAListIsExpected() {
        String json = config(route(INVENTORY, "orderId"));

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OUTBOX_ROUTES")
                .hasMessageContaining("OrderPlaced");
    }
}
