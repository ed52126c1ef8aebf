package io.github.orderevents.aws.stream;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamImagesTest {

    /** A value of the Lambda event library, the type a stream record's image holds. */
    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue stream() {
        return new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void convertsAString() {
        assertThat(StreamImages.toSdk(stream().withS("cust-42"))).isEqualTo(AttributeValue.fromS("cust-42"));
    }

    @Test
    void convertsAnEmptyStringAsAString() {
        assertThat(StreamImages.toSdk(stream().withS(""))).isEqualTo(AttributeValue.fromS(""));
    }

    @Test
    void convertsANumberKeepingItsExactText() {
        assertThat(StreamImages.toSdk(stream().withN("12345678901234567890.0001")))
                .isEqualTo(AttributeValue.fromN("12345678901234567890.0001"));
    }

    @Test
    void convertsBooleansTrueAndFalse() {
        assertThat(StreamImages.toSdk(stream().withBOOL(true))).isEqualTo(AttributeValue.fromBool(true));
        assertThat(StreamImages.toSdk(stream().withBOOL(false))).isEqualTo(AttributeValue.fromBool(false));
    }

    @Test
    void convertsNull() {
        AttributeValue converted = StreamImages.toSdk(stream().withNULL(true));

        assertThat(converted).isEqualTo(AttributeValue.fromNul(true));
        assertThat(converted.type()).isEqualTo(AttributeValue.Type.NUL);
    }

    @Test
    void convertsAMapOfMixedValues() {
        var map = stream().withM(Map.of("sku", stream().withS("SKU-1"), "quantity", stream().withN("2")));

        assertThat(StreamImages.toSdk(map)).isEqualTo(AttributeValue.fromM(Map.of(
                "sku", AttributeValue.fromS("SKU-1"), "quantity", AttributeValue.fromN("2"))));
    }

    @Test
    void convertsNestedListsAndMaps() {
        var line = stream().withM(Map.of("sku", stream().withS("SKU-1"),
                "tags", stream().withL(stream().withS("red"), stream().withL(stream().withN("1"), stream().withBOOL(false)))));
        var nested = stream().withL(line, stream().withNULL(true), stream().withL());

        AttributeValue converted = StreamImages.toSdk(nested);

        assertThat(converted).isEqualTo(AttributeValue.fromL(List.of(
                AttributeValue.fromM(Map.of("sku", AttributeValue.fromS("SKU-1"),
                        "tags", AttributeValue.fromL(List.of(AttributeValue.fromS("red"),
                                AttributeValue.fromL(List.of(AttributeValue.fromN("1"), AttributeValue.fromBool(false))))))),
                AttributeValue.fromNul(true),
                AttributeValue.fromL(List.of()))));
    }

    @Test
    void convertsAStringSet() {
        assertThat(StreamImages.toSdk(stream().withSS("a", "b"))).isEqualTo(AttributeValue.fromSs(List.of("a", "b")));
    }

    @Test
    void convertsANumberSet() {
        assertThat(StreamImages.toSdk(stream().withNS("1", "2.5"))).isEqualTo(AttributeValue.fromNs(List.of("1", "2.5")));
    }

    @Test
    void convertsBinary() {
        AttributeValue converted = StreamImages.toSdk(stream().withB(bytes("hello")));

        assertThat(converted).isEqualTo(AttributeValue.fromB(SdkBytes.fromUtf8String("hello")));
        assertThat(converted.b().asUtf8String()).isEqualTo("hello");
    }

    @Test
    void convertsABinarySet() {
        AttributeValue converted = StreamImages.toSdk(stream().withBS(bytes("a"), bytes("b")));

        assertThat(converted).isEqualTo(AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("a"),
                SdkBytes.fromUtf8String("b"))));
    }

    @Test
    void convertsAWholeImageKeepingEveryAttributeName() {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = Map.of(
                "aggregateId", stream().withS("ord-1"),
                "sequence", stream().withN("1"),
                "payload", stream().withS("{\"total\":\"44.98\"}"));

        assertThat(StreamImages.toSdk(image)).isEqualTo(Map.of(
                "aggregateId", AttributeValue.fromS("ord-1"),
                "sequence", AttributeValue.fromN("1"),
                "payload", AttributeValue.fromS("{\"total\":\"44.98\"}")));
    }

    @Test
    void refusesAValueOfNoType() {
        assertThatThrownBy(() -> StreamImages.toSdk(stream()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
