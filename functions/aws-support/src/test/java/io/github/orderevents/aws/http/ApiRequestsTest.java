package io.github.orderevents.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ApiRequestsTest {
    private static final int LIMIT = 65536;

    private static APIGatewayProxyRequestEvent request() {
        return new APIGatewayProxyRequestEvent();
    }

    private static APIGatewayProxyRequestEvent withRequestId(String requestId) {
        return request().withRequestContext(new ProxyRequestContext().withRequestId(requestId));
    }

    private static ApiException refusal(Runnable call) {
        return catchThrowableOfType(ApiException.class, call::run);
    }

    // --- headers ---

    @Test
    void findsAHeaderWhateverTheCaseOfItsName() {
        APIGatewayProxyRequestEvent in = request().withHeaders(Map.of("x-CORRELATION-id", "abc"));

        assertThat(ApiRequests.header(in, "X-Correlation-Id")).contains("abc");
        assertThat(ApiRequests.header(in, "x-correlation-id")).contains("abc");
    }

    @Test
    void findsAHeaderOnlyInMultiValueHeadersWhateverTheCase() {
        APIGatewayProxyRequestEvent in = request()
                .withHeaders(Map.of("Accept", "application/json"))
                .withMultiValueHeaders(Map.of("idempotency-KEY", List.of("first", "second")));

        assertThat(ApiRequests.header(in, "Idempotency-Key")).contains("first");
    }

    @Test
    void findsAHeaderWhenOnlyMultiValueHeadersAreSet() {
        APIGatewayProxyRequestEvent in = request().withMultiValueHeaders(Map.of("CONTENT-TYPE", List.of("text/plain")));

        assertThat(ApiRequests.header(in, "Content-Type")).contains("text/plain");
    }

    @Test
    void aMissingHeaderIsEmpty() {
        APIGatewayProxyRequestEvent in = request()
                .withHeaders(Map.of("Accept", "application/json"))
                .withMultiValueHeaders(Map.of("Accept", List.of("application/json"), "X-Empty", List.of()));

        assertThat(ApiRequests.header(in, "X-Correlation-Id")).isEmpty();
        assertThat(ApiRequests.header(in, "X-Empty")).isEmpty();
        assertThat(ApiRequests.header(request(), "Accept")).isEmpty();
    }

    // --- body ---

    @Test
    void acceptsABodyOfExactly65536Bytes() {
        String body = "a".repeat(LIMIT);

        assertThat(ApiRequests.body(request().withBody(body))).isEqualTo(body);
    }

    @Test
    void refusesABodyOf65537BytesWith413() {
        ApiException refused = refusal(() -> ApiRequests.body(request().withBody("a".repeat(LIMIT + 1))));

        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.getMessage()).isNotBlank();
    }

    @Test
    void countsTheLimitInUtf8BytesNotCharacters() {
        String exactly = "é".repeat(LIMIT / 2);
        String oneOver = exactly + "a";

        assertThat(ApiRequests.body(request().withBody(exactly))).isEqualTo(exactly);
        ApiException refused = refusal(() -> ApiRequests.body(request().withBody(oneOver)));
        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(413);
    }

    @Test
    void appliesTheLimitToTheDecodedBytesOfABase64Body() {
        String exactly = "a".repeat(LIMIT);
        String oneOver = exactly + "a";
        APIGatewayProxyRequestEvent fits = request().withIsBase64Encoded(true).withBody(base64(exactly));
        APIGatewayProxyRequestEvent tooBig = request().withIsBase64Encoded(true).withBody(base64(oneOver));

        assertThat(ApiRequests.body(fits)).isEqualTo(exactly);
        ApiException refused = refusal(() -> ApiRequests.body(tooBig));
        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(413);
    }

    @Test
    void decodesABase64Body() {
        APIGatewayProxyRequestEvent in = request().withIsBase64Encoded(true).withBody(base64("{\"a\":\"é\"}"));

        assertThat(ApiRequests.body(in)).isEqualTo("{\"a\":\"é\"}");
    }

    @Test
    void refusesInvalidBase64With400() {
        ApiException refused = refusal(() -> ApiRequests.body(request().withIsBase64Encoded(true).withBody("%%%")));

        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void refusesABase64BodyThatIsNotUtf8With400() {
        String notUtf8 = Base64.getEncoder().encodeToString(new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF});

        ApiException refused = refusal(() -> ApiRequests.body(request().withIsBase64Encoded(true).withBody(notUtf8)));

        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void refusesAMissingOrEmptyBodyWith400() {
        assertThat(refusal(() -> ApiRequests.body(request())).status()).isEqualTo(400);
        assertThat(refusal(() -> ApiRequests.body(request().withBody(""))).status()).isEqualTo(400);
    }

    // --- correlation id ---

    @Test
    void theCorrelationIdIsTheHeaderWhenSent() {
        APIGatewayProxyRequestEvent in = withRequestId("api-request-1")
                .withHeaders(Map.of("x-correlation-id", "checkout-7f3a"));

        assertThat(ApiRequests.correlationId(in)).isEqualTo("checkout-7f3a");
    }

    @Test
    void theCorrelationIdIsTheApiRequestIdWhenNoHeaderIsSent() {
        APIGatewayProxyRequestEvent in = withRequestId("c6af9ac6-7b61-11e6-9a41-93e8deadbeef")
                .withHeaders(Map.of("Accept", "application/json"));

        assertThat(ApiRequests.correlationId(in)).isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
    }

    @Test
    void theCorrelationIdIsANewUuidWithoutHeaderOrRequestId() {
        String first = ApiRequests.correlationId(request());
        String second = ApiRequests.correlationId(withRequestId(null));

        assertThatCode(() -> UUID.fromString(first)).doesNotThrowAnyException();
        assertThatCode(() -> UUID.fromString(second)).doesNotThrowAnyException();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aMalformedRequestIdIsReplacedByANewUuid() {
        String correlationId = ApiRequests.correlationId(withRequestId("request id\nwith newline"));

        assertThatCode(() -> UUID.fromString(correlationId)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"with space", "line\nbreak", ""})
    void aMalformedCorrelationHeaderIsRefusedRatherThanReplaced(String sent) {
        APIGatewayProxyRequestEvent in = withRequestId("api-request-1").withHeaders(Map.of("X-Correlation-Id", sent));

        ApiException refused = refusal(() -> ApiRequests.correlationId(in));

        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.field()).isEqualTo("X-Correlation-Id");
    }

    @Test
    void aCorrelationHeaderOf128CharactersIsAcceptedAnd129Refused() {
        String max = "c".repeat(128);

        assertThat(ApiRequests.correlationId(request().withHeaders(Map.of("X-Correlation-Id", max)))).isEqualTo(max);
        assertThat(refusal(() -> ApiRequests.correlationId(request().withHeaders(Map.of("X-Correlation-Id", max + "c"))))
                .status()).isEqualTo(400);
    }

    // --- idempotency key and content type ---

    @Test
    void theIdempotencyKeyIsOptional() {
        assertThat(ApiRequests.idempotencyKey(request())).isEmpty();
        assertThat(ApiRequests.idempotencyKey(request().withHeaders(Map.of("idempotency-key", "k-1/2+3="))))
                .contains("k-1/2+3=");
    }

    @Test
    void aMalformedIdempotencyKeyIsRefusedWith400() {
        ApiException refused = refusal(() -> ApiRequests.idempotencyKey(
                request().withHeaders(Map.of("Idempotency-Key", "has space"))));

        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.field()).isEqualTo("Idempotency-Key");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON",
            "application/merge-patch+json"})
    void acceptsJsonContentTypes(String contentType) {
        APIGatewayProxyRequestEvent in = request().withHeaders(Map.of("Content-Type", contentType));

        assertThatCode(() -> ApiRequests.requireJsonContent(in)).doesNotThrowAnyException();
    }

    @Test
    void takesAMissingContentTypeAsJson() {
        assertThatCode(() -> ApiRequests.requireJsonContent(request())).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/jsonp"})
    void refusesOtherContentTypesWith415(String contentType) {
        ApiException refused = refusal(() -> ApiRequests.requireJsonContent(
                request().withHeaders(Map.of("content-type", contentType))));

        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(415);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
