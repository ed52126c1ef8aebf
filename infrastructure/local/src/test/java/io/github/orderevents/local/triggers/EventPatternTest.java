package io.github.orderevents.local.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.local.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Lambda's filter rule syntax (invocation-eventfiltering), on DynamoDB stream records. */
class EventPatternTest {
    private static final JsonNode INSERT = json("""
            {"eventName": "INSERT", "awsRegion": "eu-west-1",
             "dynamodb": {"Keys": {"id": {"S": "ord-1"}},
                          "NewImage": {"id": {"S": "ord-1"}, "status": {"S": "PENDING"}, "amount": {"N": "42.5"},
                                       "tags": {"SS": ["red", "blue"]}, "note": {"NULL": true}, "flag": {"BOOL": true},
                                       "empty": {"S": ""}}}}
            """);
    private static final JsonNode REMOVE = json("""
            {"eventName": "REMOVE", "dynamodb": {"Keys": {"id": {"S": "ord-1"}}},
             "userIdentity": {"type": "Service", "principalId": "dynamodb.amazonaws.com"}}
            """);

    @Test
    void exactValuesInAListMatchAnyOfThem() {
        assertThat(matches("{\"eventName\": [\"INSERT\"]}", INSERT)).isTrue();
        assertThat(matches("{\"eventName\": [\"INSERT\"]}", REMOVE)).isFalse();
        assertThat(matches("{\"eventName\": [\"MODIFY\", \"REMOVE\"]}", REMOVE)).isTrue();
    }

    @Test
    void nestedKeysFollowTheRecordAndAllMustMatch() {
        assertThat(matches("{\"eventName\": [\"INSERT\"], \"dynamodb\": {\"NewImage\": {\"status\": {\"S\": [\"PENDING\"]}}}}", INSERT)).isTrue();
        assertThat(matches("{\"eventName\": [\"INSERT\"], \"dynamodb\": {\"NewImage\": {\"status\": {\"S\": [\"PUBLISHED\"]}}}}", INSERT)).isFalse();
        assertThat(matches("{\"dynamodb\": {\"NewImage\": {\"status\": {\"S\": [\"PENDING\"]}}}}", REMOVE)).isFalse();
    }

    @Test
    void prefixSuffixAndEqualsIgnoreCaseCompareStrings() {
        assertThat(matches("{\"dynamodb\": {\"Keys\": {\"id\": {\"S\": [{\"prefix\": \"ord-\"}]}}}}", INSERT)).isTrue();
        assertThat(matches("{\"dynamodb\": {\"Keys\": {\"id\": {\"S\": [{\"prefix\": \"cust-\"}]}}}}", INSERT)).isFalse();
        assertThat(matches("{\"dynamodb\": {\"Keys\": {\"id\": {\"S\": [{\"suffix\": \"-1\"}]}}}}", INSERT)).isTrue();
        assertThat(matches("{\"eventName\": [{\"equals-ignore-case\": \"insert\"}]}", INSERT)).isTrue();
    }

    @Test
    void anythingButExcludesValuesAndPrefixes() {
        assertThat(matches("{\"eventName\": [{\"anything-but\": [\"REMOVE\"]}]}", INSERT)).isTrue();
        assertThat(matches("{\"eventName\": [{\"anything-but\": [\"REMOVE\"]}]}", REMOVE)).isFalse();
        assertThat(matches("{\"eventName\": [{\"anything-but\": \"REMOVE\"}]}", REMOVE)).isFalse();
        assertThat(matches("{\"eventName\": [{\"anything-but\": {\"prefix\": \"REM\"}}]}", REMOVE)).isFalse();
        assertThat(matches("{\"eventName\": [{\"anything-but\": {\"prefix\": \"REM\"}}]}", INSERT)).isTrue();
    }

    @Test
    void existsTestsPresence() {
        assertThat(matches("{\"userIdentity\": {\"type\": [{\"exists\": true}]}}", REMOVE)).isTrue();
        assertThat(matches("{\"userIdentity\": {\"type\": [{\"exists\": true}]}}", INSERT)).isFalse();
        // The relay's kind of filter: everything but TTL deletes.
        assertThat(matches("{\"userIdentity\": {\"type\": [{\"exists\": false}]}}", INSERT)).isTrue();
        assertThat(matches("{\"userIdentity\": {\"type\": [{\"exists\": false}]}}", REMOVE)).isFalse();
    }

    @Test
    void numericRangesCompareDynamoDbNumberStrings() {
        String range = "{\"dynamodb\": {\"NewImage\": {\"amount\": {\"N\": [{\"numeric\": [\">\", 10, \"<=\", 42.5]}]}}}}";
        assertThat(matches(range, INSERT)).isTrue();
        assertThat(matches("{\"dynamodb\": {\"NewImage\": {\"amount\": {\"N\": [{\"numeric\": [\"<\", 42.5]}]}}}}", INSERT)).isFalse();
        assertThat(matches("{\"dynamodb\": {\"NewImage\": {\"amount\": {\"N\": [{\"numeric\": [\"=\", 42.50]}]}}}}", INSERT)).isTrue();
        assertThat(matches("{\"dynamodb\": {\"NewImage\": {\"status\": {\"S\": [{\"numeric\": [\">\", 0]}]}}}}", INSERT)).isFalse();
    }

    @Test
    void listsInTheRecordMatchWhenAnElementDoes() {
        assertThat(matches("{\"dynamodb\": {\"NewImage\": {\"tags\": {\"SS\": [\"blue\"]}}}}", INSERT)).isTrue();
        assertThat(matches("{\"dynamodb\": {\"NewImage\": {\"tags\": {\"SS\": [\"green\"]}}}}", INSERT)).isFalse();
    }

    @Test
    void booleanNullAndEmptyValuesMatchExactly() {
        assertThat(matches("{\"dynamodb\": {\"NewImage\": {\"flag\": {\"BOOL\": [true]}}}}", INSERT)).isTrue();
        assertThat(matches("{\"dynamodb\": {\"NewImage\": {\"flag\": {\"BOOL\": [false]}}}}", INSERT)).isFalse();
        assertThat(matches("{\"dynamodb\": {\"NewImage\": {\"note\": {\"NULL\": [true]}}}}", INSERT)).isTrue();
        assertThat(matches("{\"dynamodb\": {\"NewImage\": {\"empty\": {\"S\": [\"\"]}}}}", INSERT)).isTrue();
        assertThat(matches("{\"eventName\": [null]}", json("{\"eventName\": null}"))).isTrue();
        assertThat(matches("{\"eventName\": [null]}", INSERT)).isFalse();
    }

    @Test
    void orCombinesAlternativePatterns() {
        String either = "{\"$or\": [{\"eventName\": [\"REMOVE\"]}, {\"dynamodb\": {\"NewImage\": {\"status\": {\"S\": [\"PENDING\"]}}}}]}";
        assertThat(matches(either, INSERT)).isTrue();
        assertThat(matches(either, REMOVE)).isTrue();
        assertThat(matches(either, json("{\"eventName\": \"MODIFY\"}"))).isFalse();
    }

    @Test
    void severalFiltersAreOredAndNoFilterLetsEverythingThrough() {
        List<EventPattern> filters = List.of(EventPattern.parse("{\"eventName\": [\"INSERT\"]}"),
                EventPattern.parse("{\"eventName\": [\"REMOVE\"]}"));
        assertThat(EventPattern.anyMatches(filters, INSERT)).isTrue();
        assertThat(EventPattern.anyMatches(filters, REMOVE)).isTrue();
        assertThat(EventPattern.anyMatches(filters, json("{\"eventName\": \"MODIFY\"}"))).isFalse();
        assertThat(EventPattern.anyMatches(List.of(), REMOVE)).isTrue();
    }

    @Test
    void rejectsPatternsItCannotEvaluate() {
        assertThatIllegalArgumentException().isThrownBy(() -> EventPattern.parse("{\"eventName\": \"INSERT\"}"));
        assertThatIllegalArgumentException().isThrownBy(() -> EventPattern.parse("[\"INSERT\"]"));
        assertThatIllegalArgumentException().isThrownBy(() -> EventPattern.parse("{\"eventName\": []}"));
        assertThatIllegalArgumentException().isThrownBy(() -> EventPattern.parse("{\"ip\": [{\"cidr\": \"10.0.0.0/24\"}]}"));
        assertThatIllegalArgumentException().isThrownBy(() -> EventPattern.parse("{\"n\": [{\"numeric\": [\"~\", 1]}]}"));
        assertThatIllegalArgumentException().isThrownBy(() -> EventPattern.parse("not json"));
    }

    @Test
    void matchesTheTemplatesRelayFilter() throws IOException {
        // template.yaml, OutboxRelayFunction: FilterCriteria.Filters[0].Pattern
        EventPattern relay = EventPattern.parse("{\"eventName\": [\"INSERT\"]}");
        JsonNode fixture = Json.MAPPER.readTree(Path.of(System.getProperty("project.root", "../.."))
                .resolve("events/outbox-stream.json").toFile());
        List<String> kept = new ArrayList<>();
        fixture.get("Records").forEach(r -> {
            if (relay.matches(r)) {
                kept.add(r.get("eventID").asText());
            }
        });
        assertThat(kept).containsExactly("c81e728d9d4c2f636f067f89cc148620", "c81e728d9d4c2f636f067f89cc148621",
                "c81e728d9d4c2f636f067f89cc148623");
    }

    private static boolean matches(String pattern, JsonNode record) {
        return EventPattern.parse(pattern).matches(record);
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
