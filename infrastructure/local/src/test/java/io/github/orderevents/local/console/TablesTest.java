package io.github.orderevents.local.console;

import io.github.orderevents.local.Json;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DynamoDB attribute values as the plain JSON values the console shows. */
class TablesTest {

    @Test
    void everyKindOfValueBecomesThePlainJsonItHolds() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("s", AttributeValue.fromS("text"));
        item.put("n", AttributeValue.fromN("42"));
        item.put("bool", AttributeValue.fromBool(false));
        item.put("nul", AttributeValue.fromNul(true));
        item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[]{0, 1, 2, (byte) 255})));
        item.put("m", AttributeValue.fromM(Map.of("z", AttributeValue.fromS("last"), "a", AttributeValue.fromN("1"))));
        item.put("l", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromBool(true),
                AttributeValue.fromL(List.of()))));
        item.put("ss", AttributeValue.fromSs(List.of("a", "b")));
        item.put("ns", AttributeValue.fromNs(List.of("1", "2.5")));
        item.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("hi"))));
        item.put("id", AttributeValue.fromS("k"));

        assertThat(Json.write(Tables.plain(item, List.of("id")))).isEqualTo("{\"id\":\"k\",\"b\":\"AAEC/w==\",\"bool\":false,"
                + "\"bs\":[\"aGk=\"],\"l\":[\"x\",true,[]],\"m\":{\"a\":1,\"z\":\"last\"},\"n\":42,\"ns\":[1,2.5],"
                + "\"nul\":null,\"s\":\"text\",\"ss\":[\"a\",\"b\"]}");
    }

    @Test
    void numbersKeepTheirDigits() {
        assertThat(Json.write(Tables.plain(AttributeValue.fromN("-7")))).isEqualTo("-7");
        assertThat(Json.write(Tables.plain(AttributeValue.fromN("0.10")))).isEqualTo("0.10");
        assertThat(Json.write(Tables.plain(AttributeValue.fromN("12345678901234567890123456789012345678"))))
                .isEqualTo("12345678901234567890123456789012345678");
        assertThat(Json.write(Tables.plain(AttributeValue.fromN("9223372036854775807")))).isEqualTo("9223372036854775807");
    }

    @Test
    void keysComeFirstInTheirOrderThenTheOtherAttributesByName() {
        Map<String, AttributeValue> item = Map.of("b", AttributeValue.fromS("1"), "range", AttributeValue.fromN("2"),
                "a", AttributeValue.fromS("3"), "hash", AttributeValue.fromS("4"));

        assertThat(Tables.plain(item, List.of("hash", "range")).keySet()).containsExactly("hash", "range", "a", "b");
    }
}
