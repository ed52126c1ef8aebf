package io.github.orderevents.local.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.github.orderevents.local.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxyResponseTest {

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void mergesHeadersAndMultiValueHeadersKeepingEachValueOnce() throws Exception {
        ProxyResponse response = ProxyResponse.from(json("""
                {"statusCode": 200,
                 "headers": {"Set-Cookie": "b=2", "x-one": "1"},
                 "multiValueHeaders": {"set-cookie": ["a=1", "b=2"]},
                 "body": "ok"}"""));

        assertThat(response.headers().get("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(response.headers().get("X-One")).containsExactly("1");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
    }

    @Test
    void readsStatusCodeWrittenAsText() throws Exception {
        assertThat(ProxyResponse.from(json("{\"statusCode\": \"404\"}")).statusCode()).isEqualTo(404);
    }

    @Test
    void rejectsWhatIsNotAProxyResponse() {
        assertThatThrownBy(() -> ProxyResponse.from(NullNode.getInstance())).isInstanceOf(ProxyResponse.MalformedException.class);
        assertThatThrownBy(() -> ProxyResponse.from(json("{\"body\": \"no status\"}"))).isInstanceOf(ProxyResponse.MalformedException.class);
        assertThatThrownBy(() -> ProxyResponse.from(json("{\"statusCode\": 42}"))).isInstanceOf(ProxyResponse.MalformedException.class);
        assertThatThrownBy(() -> ProxyResponse.from(json("{\"statusCode\": 200, \"headers\": {\"X\": \"a\\r\\nInjected: 1\"}}")))
                .isInstanceOf(ProxyResponse.MalformedException.class);
        assertThatThrownBy(() -> ProxyResponse.from(json("{\"statusCode\": 200, \"isBase64Encoded\": true, \"body\": \"!!\"}")))
                .isInstanceOf(ProxyResponse.MalformedException.class);
    }
}
