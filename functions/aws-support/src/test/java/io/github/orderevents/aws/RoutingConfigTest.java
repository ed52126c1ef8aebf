package io.github.orderevents.aws;

import io.github.orderevents.domain.EventType;
import io.github.orderevents.domain.Priority;
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
    private static final String EXPRESS_INVENTORY = "https://sqs.eu-west-1.amazonaws.com/123456789012/inventory-express.fifo";
    private static final String EXPRESS_NOTIFICATIONS =
            "https://sqs.eu-west-1.amazonaws.com/123456789012/notifications-express.fifo";

    private static String route(String queueUrl, String groupBy) {
        return "{\"queueUrl\":\"" + queueUrl + "\",\"groupBy\":\"" + groupBy + "\"}";
    }

    /** The routes template.yaml sets, with {@code placed} as the standard lane's OrderPlaced entry's JSON value. */
    private static String config(String placed) {
        return "{\"standard\":" + lane(placed) + ",\"express\":" + EXPRESS_LANE + "}";
    }

    /** The express lane of template.yaml, and {@code lane} as the standard one. */
    private static String withStandardLane(String lane) {
        return "{\"standard\":" + lane + ",\"express\":" + EXPRESS_LANE + "}";
    }

    /** One lane's routes with {@code placed} as its OrderPlaced entry's JSON value, the rest to notifications. */
    private static String lane(String placed) {
        return "{\"OrderPlaced\":" + placed + ","
                + "\"OrderConfirmed\":[" + route(NOTIFICATIONS, "customerId") + "],"
                + "\"OrderRejected\":[" + route(NOTIFICATIONS, "customerId") + "]}";
    }

    private static final String EXPRESS_LANE = "{\"OrderPlaced\":[" + route(EXPRESS_INVENTORY, "orderId") + ","
            + route(EXPRESS_NOTIFICATIONS, "customerId") + "],"
            + "\"OrderConfirmed\":[" + route(EXPRESS_NOTIFICATIONS, "customerId") + "],"
            + "\"OrderRejected\":[" + route(EXPRESS_NOTIFICATIONS, "customerId") + "]}";
    private static final String STANDARD_LANE = lane("[" + route(INVENTORY, "orderId") + "," + route(NOTIFICATIONS, "customerId") + "]");
    private static final String VALID = withStandardLane(STANDARD_LANE);

    @Test
    void parsesTheRoutesOfEveryEventTypeInOrder() {
        RoutingTable table = RoutingConfig.parse(VALID);

        assertThat(table.routesFor(Priority.STANDARD, EventType.OrderPlaced)).containsExactly(
                new Route(INVENTORY, GroupKey.orderId), new Route(NOTIFICATIONS, GroupKey.customerId));
        assertThat(table.routesFor(Priority.STANDARD, EventType.OrderConfirmed))
                .containsExactly(new Route(NOTIFICATIONS, GroupKey.customerId));
        assertThat(table.routesFor(Priority.STANDARD, EventType.OrderRejected))
                .containsExactly(new Route(NOTIFICATIONS, GroupKey.customerId));
        assertThat(table.destinations())
                .containsExactlyInAnyOrder(INVENTORY, NOTIFICATIONS, EXPRESS_INVENTORY, EXPRESS_NOTIFICATIONS);
    }

    @Test
    void parsesEachLanesRoutesSeparately() {
        RoutingTable table = RoutingConfig.parse(VALID);

        assertThat(table.routesFor(Priority.EXPRESS, EventType.OrderPlaced)).containsExactly(
                new Route(EXPRESS_INVENTORY, GroupKey.orderId), new Route(EXPRESS_NOTIFICATIONS, GroupKey.customerId));
        assertThat(table.routesFor(Priority.EXPRESS, EventType.OrderConfirmed))
                .containsExactly(new Route(EXPRESS_NOTIFICATIONS, GroupKey.customerId));
    }

    @Test
    void refusesAMissingLaneNamingIt() {
        String json = "{\"standard\":" + STANDARD_LANE + "}";

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("OUTBOX_ROUTES: ")
                .hasMessageContaining("no routes for lane express");
    }

    @Test
    void refusesAnUnknownLaneNamingIt() {
        String json = VALID.replace("\"express\"", "\"urgent\"");

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("OUTBOX_ROUTES names unknown lane 'urgent' (standard or express)");
    }

    @Test
    void refusesTheRoutesOfOneLaneWithoutLanesAsTheyWereWrittenBefore() {
        assertThatThrownBy(() -> RoutingConfig.parse(STANDARD_LANE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown lane 'OrderPlaced'");
    }

    @Test
    void refusesALaneThatIsNotAnObject() {
        String json = withStandardLane("[]");

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("OUTBOX_ROUTES: lane standard must be a JSON object of event type -> routes");
    }

    @Test
    void acceptsWhitespaceAndLineBreaksAsTemplateYamlMayWriteThem() {
        String pretty = VALID.replace(",", ",\n  ").replace("{", "{ ").replace("[", "[\n");

        RoutingTable table = RoutingConfig.parse(pretty);

        assertThat(table.routesFor(Priority.STANDARD, EventType.OrderPlaced)).hasSize(2);
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
        String twice = withStandardLane("{\"OrderPlaced\":[" + route(INVENTORY, "orderId") + "]," + STANDARD_LANE.substring(1));

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
        String json = withStandardLane(STANDARD_LANE.replace("}]}", "}],\"OrderShipped\":[" + route(NOTIFICATIONS, "customerId") + "]}"));

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("OUTBOX_ROUTES names unknown event type 'OrderShipped' in lane standard");
    }

    @Test
    void refusesAnEventTypeInTheWrongCase() {
        String json = withStandardLane(STANDARD_LANE.replace("\"OrderPlaced\"", "\"orderPlaced\""));

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown event type 'orderPlaced'");
    }

    @Test
    void refusesAnUnknownGroupByNamingTheTypeAndTheValue() {
        String json = config("[" + route(INVENTORY, "sku") + "]");

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("OUTBOX_ROUTES: groupBy of OrderPlaced in lane standard must be orderId or customerId, was 'sku'");
    }

    @Test
    void refusesAMissingGroupBy() {
        String json = config("[{\"queueUrl\":\"" + INVENTORY + "\"}]");

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("groupBy of OrderPlaced in lane standard must be orderId or customerId");
    }

    @Test
    void refusesAMissingQueueUrlNamingTheType() {
        String json = config("[{\"groupBy\":\"orderId\"}]");

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("OUTBOX_ROUTES: a route of OrderPlaced in lane standard has no queueUrl");
    }

    @Test
    void refusesABlankQueueUrl() {
        String json = config("[" + route("  ", "orderId") + "]");

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a route of OrderPlaced in lane standard has no queueUrl");
    }

    @Test
    void refusesAMissingEventTypeNamingIt() {
        String json = withStandardLane("{\"OrderPlaced\":[" + route(INVENTORY, "orderId") + "],"
                + "\"OrderConfirmed\":[" + route(NOTIFICATIONS, "customerId") + "]}");

        assertThatThrownBy(() -> RoutingConfig.parse(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("OUTBOX_ROUTES: ")
                .hasMessageContaining("no route for event type OrderRejected in lane standard");
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
                .hasMessageContaining("OrderPlaced in lane standard names a destination twice");
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
