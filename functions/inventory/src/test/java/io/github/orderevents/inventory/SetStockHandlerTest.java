package io.github.orderevents.inventory;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.orderevents.aws.testing.FakeContext;
import io.github.orderevents.domain.inventory.StockLevel;
import io.github.orderevents.domain.inventory.StockLevels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** PUT /inventory/{sku} with a fake StockLevels; SetStockOnDynamoTest runs it on DynamoDB Local. */
class SetStockHandlerTest {

    /** Stock levels in memory that keep reserved units, as the port says; records every call. */
    static final class InMemoryStockLevels implements StockLevels {
        final Map<String, StockLevel> levels = new HashMap<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public StockLevel setAvailable(String sku, long available) {
            calls.add(sku + "=" + available);
            long reserved = levels.containsKey(sku) ? levels.get(sku).reserved() : 0;
            StockLevel level = new StockLevel(sku, available, reserved);
            levels.put(sku, level);
            return level;
        }
    }

    private final InMemoryStockLevels stock = new InMemoryStockLevels();
    private final SetStockHandler handler = new SetStockHandler(stock);

    static APIGatewayProxyRequestEvent fixture() {
        return EventLoader.loadApiGatewayRestEvent("events/set-stock.json");
    }

    static APIGatewayProxyRequestEvent withSkuAndBody(String sku, String body) {
        APIGatewayProxyRequestEvent in = fixture();
        Map<String, String> path = new LinkedHashMap<>();
        path.put("sku", sku);
        in.setPathParameters(path);
        in.setPath("/inventory/" + sku);
        in.setBody(body);
        return in;
    }

    static JsonNode json(APIGatewayProxyResponseEvent response) {
        try {
            return new ObjectMapper().readTree(response.getBody());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent in) {
        return handler.handleRequest(in, FakeContext.withRemainingMillis(30_000));
    }

    private static void assertBadRequest(APIGatewayProxyResponseEvent response, String field, String message) {
        assertThat(response.getStatusCode()).as("status of %s", response.getBody()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        JsonNode body = json(response);
        assertThat(body.path("error").asText()).as("error of %s", response.getBody()).contains(message);
        assertThat(body.path("field").asText(null)).as("field of %s", response.getBody()).isEqualTo(field);
    }

    @Test
    void setsTheStockOfTheFixtureAndAnswersTheNewLevel() {
        APIGatewayProxyResponseEvent response = handle(fixture());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        JsonNode body = json(response);
        assertThat(body.properties()).extracting(Map.Entry::getKey).containsExactly("sku", "available", "reserved");
        assertThat(body.path("sku").asText()).isEqualTo("SKU-RED-1");
        assertThat(body.path("available").asLong()).isEqualTo(25);
        assertThat(body.path("reserved").asLong()).isZero();
        assertThat(stock.calls).containsExactly("SKU-RED-1=25");
    }

    @Test
    void resettingAvailableKeepsTheReservedUnits() {
        stock.levels.put("SKU-RED-1", new StockLevel("SKU-RED-1", 3, 7));

        APIGatewayProxyResponseEvent response = handle(fixture());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("available").asLong()).isEqualTo(25);
        assertThat(json(response).path("reserved").asLong()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1000000000"})
    void acceptsTheBoundsOfAvailable(String available) {
        APIGatewayProxyResponseEvent response = handle(withSkuAndBody("SKU-RED-1", "{\"available\": " + available + "}"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("available").asText()).isEqualTo(available);
    }

    static Stream<Arguments> badRequests() {
        String sku = "sku must match [A-Z0-9-]{1,32}";
        String range = "available must be a whole number from 0 to 1000000000";
        String whole = "available must be a whole number";
        return Stream.of(
                arguments("lower-case sku", "sku-red-1", "{\"available\": 1}", "sku", sku),
                arguments("sku with a space", "SKU RED", "{\"available\": 1}", "sku", sku),
                arguments("sku of 33 characters", "S".repeat(33), "{\"available\": 1}", "sku", sku),
                arguments("negative", "SKU-RED-1", "{\"available\": -1}", "available", range),
                arguments("over the maximum", "SKU-RED-1", "{\"available\": 1000000001}", "available", range),
                arguments("beyond long", "SKU-RED-1", "{\"available\": 99999999999999999999}", "available", whole),
                arguments("fraction", "SKU-RED-1", "{\"available\": 2.5}", "available", whole),
                arguments("string", "SKU-RED-1", "{\"available\": \"25\"}", "available", whole),
                arguments("boolean", "SKU-RED-1", "{\"available\": true}", "available", whole),
                arguments("missing available", "SKU-RED-1", "{}", "available", "available is required"),
                arguments("null available", "SKU-RED-1", "{\"available\": null}", "available", "available is required"),
                arguments("unknown field", "SKU-RED-1", "{\"available\": 1, \"reserved\": 0}", "reserved",
                        "unknown field 'reserved'"),
                arguments("not JSON", "SKU-RED-1", "available=25", null, "request body is not valid JSON"),
                arguments("duplicate key", "SKU-RED-1", "{\"available\": 1, \"available\": 2}", null,
                        "request body is not valid JSON"),
                arguments("JSON array", "SKU-RED-1", "[25]", null, "request body must be a JSON object"),
                arguments("JSON number", "SKU-RED-1", "25", null, "request body must be a JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusesABadRequestWith400NamingTheField(String problem, String sku, String body, String field,
                                                 String message) {
        APIGatewayProxyResponseEvent response = handle(withSkuAndBody(sku, body));

        assertBadRequest(response, field, message);
        assertThat(stock.calls).as("nothing is written for a request with %s", problem).isEmpty();
    }

    @Test
    void refusesAMissingBody() {
        APIGatewayProxyResponseEvent response = handle(withSkuAndBody("SKU-RED-1", null));

        assertBadRequest(response, null, "request body is required");
        assertThat(stock.calls).isEmpty();
    }

    @Test
    void refusesABodyThatIsNotDeclaredAsJsonWith415() {
        APIGatewayProxyRequestEvent in = fixture();
        Map<String, String> headers = new HashMap<>(in.getHeaders());
        headers.put("Content-Type", "text/plain");
        in.setHeaders(headers);
        in.setMultiValueHeaders(null);

        APIGatewayProxyResponseEvent response = handle(in);

        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(stock.calls).isEmpty();
    }
}
