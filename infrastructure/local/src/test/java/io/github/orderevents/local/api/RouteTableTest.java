package io.github.orderevents.local.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableTest {
    private static final RecordingFunction F = RecordingFunction.answering("F", 200, "");

    private static Route route(String method, String template) {
        return new Route(method, template, new RecordingFunction(method + " " + template, e -> null));
    }

    private static String matched(RouteTable table, String method, String rawPath) {
        return table.find(method, rawPath).map(m -> m.route().method() + " " + m.route().pathTemplate()).orElse("none");
    }

    @Test
    void literalSegmentBeatsParameterWhateverTheOrderOfRoutes() {
        RouteTable table = new RouteTable(List.of(route("GET", "/orders/{orderId}"), route("GET", "/orders/search")));

        assertThat(matched(table, "GET", "/orders/search")).isEqualTo("GET /orders/search");
        assertThat(matched(table, "GET", "/orders/o-1")).isEqualTo("GET /orders/{orderId}");
    }

    @Test
    void parameterBeatsGreedyAndGreedyTakesTheRestOfThePath() {
        RouteTable table = new RouteTable(List.of(
                route("ANY", "/{proxy+}"), route("GET", "/orders/{orderId}"), route("GET", "/orders/{orderId}/{proxy+}")));

        assertThat(matched(table, "GET", "/orders/o-1")).isEqualTo("GET /orders/{orderId}");
        RouteTable.Match deep = table.find("GET", "/orders/o-1/history/2").orElseThrow();
        assertThat(deep.route().pathTemplate()).isEqualTo("/orders/{orderId}/{proxy+}");
        assertThat(deep.pathParameters()).containsExactly(Map.entry("orderId", "o-1"), Map.entry("proxy", "history/2"));
        assertThat(table.find("DELETE", "/anything/else").orElseThrow().pathParameters())
                .containsExactly(Map.entry("proxy", "anything/else"));
    }

    @Test
    void greedyNeedsAtLeastOneSegment() {
        RouteTable table = new RouteTable(List.of(route("ANY", "/files/{proxy+}")));

        assertThat(matched(table, "GET", "/files")).isEqualTo("none");
        assertThat(matched(table, "GET", "/files/a")).isEqualTo("ANY /files/{proxy+}");
    }

    @Test
    void ownMethodBeatsAnyOnTheSameResource() {
        RouteTable table = new RouteTable(List.of(route("ANY", "/orders"), route("post", "/orders")));

        assertThat(matched(table, "POST", "/orders")).isEqualTo("POST /orders");
        assertThat(matched(table, "PATCH", "/orders")).isEqualTo("ANY /orders");
    }

    @Test
    void matchingResourceWithoutTheMethodDoesNotFallThroughToALessSpecificOne() {
        RouteTable table = new RouteTable(List.of(route("ANY", "/{proxy+}"), route("GET", "/orders/{orderId}")));

        assertThat(matched(table, "DELETE", "/orders/o-1")).isEqualTo("none");
    }

    @Test
    void pathParametersAreDecodedPerSegment() {
        RouteTable table = new RouteTable(List.of(route("GET", "/customers/{customerId}/notifications")));

        Optional<RouteTable.Match> match = table.find("GET", "/customers/c%2F1%20a+b/notifications");

        assertThat(match.orElseThrow().pathParameters()).containsExactly(Map.entry("customerId", "c/1 a+b"));
        assertThat(matched(table, "GET", "/customers//notifications")).isEqualTo("none");
    }

    @Test
    void trailingSlashIsIgnoredAndLiteralsAreCaseSensitive() {
        RouteTable table = new RouteTable(List.of(route("POST", "/orders")));

        assertThat(matched(table, "POST", "/orders/")).isEqualTo("POST /orders");
        assertThat(matched(table, "POST", "/Orders")).isEqualTo("none");
        assertThat(matched(table, "POST", "/")).isEqualTo("none");
    }

    @Test
    void rootResourceMatchesOnlyTheRoot() {
        RouteTable table = new RouteTable(List.of(route("GET", "/")));

        assertThat(matched(table, "GET", "/")).isEqualTo("GET /");
        assertThat(matched(table, "GET", "/x")).isEqualTo("none");
    }

    @Test
    void rejectsTwoRoutesForTheSameMethodAndPath() {
        assertThatThrownBy(() -> new RouteTable(List.of(route("GET", "/orders/{orderId}"), route("get", "/orders/{orderId}/"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GET /orders/{orderId}");
    }

    @Test
    void rejectsInvalidTemplates() {
        assertThatThrownBy(() -> new Route("GET", "/{proxy+}/x", F)).hasMessageContaining("last segment");
        assertThatThrownBy(() -> new Route("GET", "orders", F)).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> new Route("GET", "/orders/id-{orderId}", F)).hasMessageContaining("whole segment");
        assertThatThrownBy(() -> new Route("GET", "/orders//x", F)).hasMessageContaining("empty segment");
    }
}
