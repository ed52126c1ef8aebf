package io.github.orderevents.redrive;

import io.github.orderevents.redrive.RedriveRequest.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RedriveRequestTest {
    private static final Set<String> QUEUES = new LinkedHashSet<>(List.of("inventory", "notifications"));

    private static RedriveRequest parse(String json) {
        return RedriveRequest.parse(json.getBytes(StandardCharsets.UTF_8), QUEUES);
    }

    private static BadRequest refusal(String json) {
        return catchThrowableOfType(BadRequest.class, () -> parse(json));
    }

    @Test
    void peekNeedsOnlyActionAndQueueAndDefaultsTheRest() {
        RedriveRequest request = parse("{\"action\": \"peek\", \"queue\": \"inventory\"}");

        assertThat(request.action()).isEqualTo(Action.PEEK);
        assertThat(request.queue()).isEqualTo("inventory");
        assertThat(request.selector()).isEqualTo(new Selector.All());
        assertThat(request.fix()).isEmpty();
        assertThat(request.dryRun()).isFalse();
        assertThat(request.max()).isEqualTo(100);
    }

    @Test
    void redriveReadsEventIdsPointerFixDryRunAndMax() {
        RedriveRequest request = parse("""
                {"action": "redrive", "queue": "notifications", "eventIds": ["e-1", "e-2", "e-1"],
                 "fix": {"set": {"/payload/items/0/sku": "SKU-1", "/schemaVersion": 1}, "remove": ["/bogus"]},
                 "dryRun": true, "max": 1000}""");

        assertThat(request.action()).isEqualTo(Action.REDRIVE);
        assertThat(request.queue()).isEqualTo("notifications");
        assertThat(request.selector()).isEqualTo(new Selector.ByEventId(Set.of("e-1", "e-2")));
        assertThat(request.fix()).get().isInstanceOfSatisfying(BodyFix.PointerEdits.class, edits -> {
            assertThat(edits.set().keySet()).extracting(com.fasterxml.jackson.core.JsonPointer::toString)
                    .containsExactly("/payload/items/0/sku", "/schemaVersion");
            assertThat(edits.remove()).extracting(com.fasterxml.jackson.core.JsonPointer::toString).containsExactly("/bogus");
        });
        assertThat(request.dryRun()).isTrue();
        assertThat(request.max()).isEqualTo(1000);
    }

    @Test
    void replaceBodyGoesWithExactlyOneMessageId() {
        RedriveRequest request = parse("""
                {"action": "redrive", "queue": "inventory", "messageIds": ["m-1"], "fix": {"replaceBody": "{\\"eventId\\":\\"e-1\\"}"}}""");

        assertThat(request.selector()).isEqualTo(new Selector.ByMessageId(Set.of("m-1")));
        assertThat(request.fix()).contains(new BodyFix.ReplaceBody("{\"eventId\":\"e-1\"}"));
    }

    static Stream<Arguments> refusedRequests() {
        String redrive = "\"action\": \"redrive\", \"queue\": \"inventory\"";
        return Stream.of(
                arguments("not json", null, "request is not valid JSON"),
                arguments("", null, "request is empty"),
                arguments("[]", null, "request must be a JSON object"),
                arguments("{\"action\": \"peek\", \"queue\": \"inventory\"} {}", null, "request is not valid JSON"),
                arguments("{\"action\": \"peek\", \"action\": \"peek\", \"queue\": \"inventory\"}", null, "Duplicate field"),
                arguments("{\"action\": \"peek\", \"queue\": \"inventory\", \"eventId\": [\"e\"]}", "eventId", "unknown field \"eventId\""),
                arguments("{\"queue\": \"inventory\"}", "action", "action is required"),
                arguments("{\"action\": \"move\", \"queue\": \"inventory\"}", "action",
                        "action must be \"peek\", \"redrive\" (dead-letter queues), \"peekOutbox\" or \"requeueOutbox\""),
                arguments("{\"action\": [\"peek\"], \"queue\": \"inventory\"}", "action", "action must be"),
                arguments("{\"action\": \"peek\"}", "queue", "queue is required: one of inventory, notifications"),
                arguments("{\"action\": \"peek\", \"queue\": \"billing\"}", "queue", "unknown queue \"billing\"; known: inventory, notifications"),
                arguments("{\"action\": \"peek\", \"queue\": 1}", "queue", "unknown queue"),
                arguments("{" + redrive + ", \"eventIds\": []}", "eventIds", "non-empty array"),
                arguments("{" + redrive + ", \"eventIds\": null}", "eventIds", "non-empty array"),
                arguments("{" + redrive + ", \"eventIds\": \"e-1\"}", "eventIds", "non-empty array"),
                arguments("{" + redrive + ", \"eventIds\": [\"e-1\", 2]}", "eventIds[1]", "non-blank string"),
                arguments("{" + redrive + ", \"messageIds\": [\" \"]}", "messageIds[0]", "non-blank string"),
                arguments("{" + redrive + ", \"eventIds\": [\"e\"], \"messageIds\": [\"m\"]}", "messageIds", "not both"),
                arguments("{\"action\": \"peek\", \"queue\": \"inventory\", \"fix\": {\"remove\": [\"/a\"]}}", "fix", "only allowed with action \"redrive\""),
                arguments("{" + redrive + ", \"fix\": {}}", "fix", "fix must be an object"),
                arguments("{" + redrive + ", \"fix\": \"/a\"}", "fix", "fix must be an object"),
                arguments("{" + redrive + ", \"fix\": {\"add\": {}}}", "fix.add", "unknown field \"fix.add\""),
                arguments("{" + redrive + ", \"fix\": {\"set\": {}}}", "fix.set", "non-empty object"),
                arguments("{" + redrive + ", \"fix\": {\"set\": {\"payload/sku\": 1}}}", "fix.set", "must start with '/'"),
                arguments("{" + redrive + ", \"fix\": {\"set\": {\"\": 1}}}", "fix.set", "use replaceBody"),
                arguments("{" + redrive + ", \"fix\": {\"remove\": \"/a\"}}", "fix.remove", "non-empty array"),
                arguments("{" + redrive + ", \"fix\": {\"remove\": [1]}}", "fix.remove[0]", "must be a JSON Pointer string"),
                arguments("{" + redrive + ", \"fix\": {\"remove\": [\"/a\", \"/b~2\"]}}", "fix.remove[1]", "'~' not followed by 0 or 1"),
                arguments("{" + redrive + ", \"fix\": {\"replaceBody\": \"x\"}}", "fix.replaceBody", "exactly one messageId"),
                arguments("{" + redrive + ", \"messageIds\": [\"m-1\", \"m-2\"], \"fix\": {\"replaceBody\": \"x\"}}", "fix.replaceBody", "exactly one messageId"),
                arguments("{" + redrive + ", \"eventIds\": [\"e-1\"], \"fix\": {\"replaceBody\": \"x\"}}", "fix.replaceBody", "exactly one messageId"),
                arguments("{" + redrive + ", \"messageIds\": [\"m-1\"], \"fix\": {\"replaceBody\": \"x\", \"remove\": [\"/a\"]}}", "fix.replaceBody", "cannot be combined"),
                arguments("{" + redrive + ", \"messageIds\": [\"m-1\"], \"fix\": {\"replaceBody\": \"\"}}", "fix.replaceBody", "non-empty string"),
                arguments("{" + redrive + ", \"messageIds\": [\"m-1\"], \"fix\": {\"replaceBody\": {\"eventId\": \"e\"}}}", "fix.replaceBody", "non-empty string"),
                arguments("{" + redrive + ", \"dryRun\": \"true\"}", "dryRun", "dryRun must be true or false"),
                arguments("{" + redrive + ", \"max\": 0}", "max", "max must be a whole number from 1 to 1000, was 0"),
                arguments("{" + redrive + ", \"max\": 1001}", "max", "was 1001"),
                arguments("{" + redrive + ", \"max\": 2.5}", "max", "was 2.5"),
                arguments("{" + redrive + ", \"max\": \"10\"}", "max", "was \"10\""),
                arguments("{" + redrive + ", \"max\": 99999999999}", "max", "was 99999999999"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("refusedRequests")
    void invalidRequestIsRefusedNamingTheField(String json, String field, String message) {
        BadRequest refusal = refusal(json);

        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.field()).isEqualTo(field);
        assertThat(refusal.getMessage()).contains(message);
    }

    @Test
    void refusalAnswerHasErrorAndFieldOnlyWhenThereIsOne() {
        assertThat(refusal("{\"action\": \"peek\", \"queue\": \"x\"}").answer())
                .containsOnlyKeys("error", "field").containsEntry("field", "queue");
        assertThat(refusal("{").answer()).containsOnlyKeys("error");
    }
}
