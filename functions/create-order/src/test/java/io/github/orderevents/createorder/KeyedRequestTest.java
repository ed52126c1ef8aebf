package io.github.orderevents.createorder;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.domain.ValidPlaceOrder;
import io.github.orderevents.domain.testing.Orders;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.utilities.JsonConfig;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What Powertools hashes of a keyed POST /orders, as its own mapper writes it. */
class KeyedRequestTest {
    private static JsonNode hashed(ValidPlaceOrder order) {
        return JsonConfig.get().getObjectMapper().valueToTree(OrderPlacement.Keyed.of(order, "key-1", "corr-1"))
                .get("request");
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aStandardRequestIsHashedWithTheFieldsEveryRequestHadBeforeOrdersHadAPriority() {
        JsonNode request = hashed(new ValidPlaceOrder(Orders.validRequest("cust-1")));

        assertThat(fields(request)).containsExactly("customerId", "items", "currency");
        assertThat(fields(request.get("items").get(0))).containsExactly("sku", "quantity", "unitPrice");
    }

    @Test
    void anExpressRequestIsHashedWithItsPriority() {
        JsonNode request = hashed(new ValidPlaceOrder(Orders.expressRequest("cust-1")));

        assertThat(fields(request)).containsExactly("customerId", "items", "currency", "priority");
        assertThat(request.get("priority").asText()).isEqualTo("EXPRESS");
    }
}
