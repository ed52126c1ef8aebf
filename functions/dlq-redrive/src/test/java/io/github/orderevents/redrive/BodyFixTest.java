package io.github.orderevents.redrive;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.aws.Json;
import io.github.orderevents.redrive.BodyFix.CannotFix;
import io.github.orderevents.redrive.BodyFix.PointerEdits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyFixTest {
    private static final String BODY = """
            {"eventId":"e-1","schemaVersion":2,"payload":{"total":44.98,"items":[{"sku":"bad sku","quantity":2}]},"bogus":true}""";

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static BodyFix set(String pointer, String jsonValue) {
        return new PointerEdits(Map.of(BodyFix.pointer(pointer), json(jsonValue)), List.of());
    }

    private static BodyFix remove(String... pointers) {
        return new PointerEdits(Map.of(), List.of(pointers).stream().map(BodyFix::pointer).toList());
    }

    @Test
    void setReplacesAnExistingField() {
        String fixed = set("/schemaVersion", "1").apply(BODY);

        assertThat(json(fixed).get("schemaVersion").intValue()).isEqualTo(1);
        assertThat(json(fixed).get("eventId").asText()).isEqualTo("e-1");
    }

    @Test
    void setAddsANewFieldToAnExistingObject() {
        String fixed = set("/payload/currency", "\"EUR\"").apply(BODY);

        assertThat(json(fixed).at("/payload/currency").asText()).isEqualTo("EUR");
    }

    @Test
    void setReachesInsideArraysByIndex() {
        String fixed = set("/payload/items/0/sku", "\"SKU-1\"").apply(BODY);

        assertThat(json(fixed).at("/payload/items/0/sku").asText()).isEqualTo("SKU-1");
        assertThat(json(fixed).at("/payload/items/0/quantity").intValue()).isEqualTo(2);
    }

    @Test
    void setReplacesAWholeArrayElementOrAppendsWithDashOrTheLength() {
        String replaced = set("/payload/items/0", "{\"sku\":\"SKU-9\",\"quantity\":1}").apply(BODY);
        String appendedWithDash = set("/payload/items/-", "{\"sku\":\"SKU-2\"}").apply(BODY);
        String appendedAtLength = set("/payload/items/1", "{\"sku\":\"SKU-3\"}").apply(BODY);

        assertThat(json(replaced).at("/payload/items")).isEqualTo(json("[{\"sku\":\"SKU-9\",\"quantity\":1}]"));
        assertThat(json(appendedWithDash).at("/payload/items/1/sku").asText()).isEqualTo("SKU-2");
        assertThat(json(appendedAtLength).at("/payload/items/1/sku").asText()).isEqualTo("SKU-3");
    }

    @Test
    void setPastTheEndOfAnArrayIsRefused() {
        assertThatThrownBy(() -> set("/payload/items/5", "1").apply(BODY))
                .isInstanceOf(CannotFix.class)
                .hasMessage("cannot set /payload/items/5: /payload/items is an array of 1 elements; use an index from 0 to 1 or -");
    }

    @Test
    void setNeedsTheParentToExist() {
        assertThatThrownBy(() -> set("/payload/meta/source", "\"x\"").apply(BODY))
                .isInstanceOf(CannotFix.class)
                .hasMessage("cannot set /payload/meta/source: /payload/meta does not exist");
    }

    @Test
    void setBelowAScalarIsRefused() {
        assertThatThrownBy(() -> set("/eventId/x", "1").apply(BODY))
                .isInstanceOf(CannotFix.class)
                .hasMessage("cannot set /eventId/x: /eventId is a string, not an object or array");
    }

    @Test
    void setAppliesEditsInTheirOrderThenRemoves() {
        Map<JsonPointer, JsonNode> set = new LinkedHashMap<>();
        set.put(BodyFix.pointer("/payload/meta"), json("{}"));
        set.put(BodyFix.pointer("/payload/meta/fixedBy"), json("\"ops\""));
        BodyFix fix = new PointerEdits(set, List.of(BodyFix.pointer("/bogus")));

        JsonNode fixed = json(fix.apply(BODY));

        assertThat(fixed.at("/payload/meta/fixedBy").asText()).isEqualTo("ops");
        assertThat(fixed.has("bogus")).isFalse();
    }

    @Test
    void removeDeletesAFieldAndAnArrayElement() {
        JsonNode fixed = json(remove("/bogus", "/payload/items/0").apply(BODY));

        assertThat(fixed.has("bogus")).isFalse();
        assertThat(fixed.at("/payload/items").size()).isZero();
    }

    @Test
    void removeOfAPathThatDoesNotExistChangesNothing() {
        String fixed = remove("/nothing", "/payload/nothing/deeper", "/payload/items/7", "/eventId/x").apply(BODY);

        assertThat(json(fixed)).isEqualTo(json(BODY));
    }

    @Test
    void pointerEscapesNameSlashAndTilde() {
        String body = "{\"a/b\":1,\"m~n\":2,\"~1\":3}";

        JsonNode fixed = json(new PointerEdits(
                Map.of(BodyFix.pointer("/a~1b"), json("10"), BodyFix.pointer("/m~0n"), json("20")),
                List.of(BodyFix.pointer("/~01"))).apply(body));

        assertThat(fixed).isEqualTo(json("{\"a/b\":10,\"m~n\":20}"));
    }

    @Test
    void pointerTokensAreUnescapedOnce() {
        List<String> tokens = new java.util.ArrayList<>();
        for (JsonPointer rest = BodyFix.pointer("/a~01/~10/"); !rest.matches(); rest = rest.tail()) {
            tokens.add(rest.getMatchingProperty());
        }

        assertThat(tokens).containsExactly("a~1", "/0", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"payload/sku", "#/payload"})
    void pointerWithoutLeadingSlashIsInvalid(String text) {
        assertThatThrownBy(() -> BodyFix.pointer(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JSON Pointer \"" + text + "\" must start with '/'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a~2b", "/a~", "/~x/b"})
    void pointerWithABadTildeEscapeIsInvalid(String text) {
        assertThatThrownBy(() -> BodyFix.pointer(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has a '~' not followed by 0 or 1");
    }

    @Test
    void emptyPointerIsRefusedBecauseItIsTheWholeBody() {
        assertThatThrownBy(() -> BodyFix.pointer(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use replaceBody");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"text\"", "42", "null"})
    void pointerEditsOfABodyThatIsNotAnObjectAreRefused(String body) {
        assertThatThrownBy(() -> set("/a", "1").apply(body))
                .isInstanceOf(CannotFix.class)
                .hasMessageStartingWith("body is not a JSON object")
                .hasMessageContaining("replaceBody");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"a\":1", "{\"a\":1,\"a\":2}", ""})
    void pointerEditsOfABodyThatIsNotJsonAreRefused(String body) {
        assertThatThrownBy(() -> remove("/a").apply(body))
                .isInstanceOf(CannotFix.class)
                .hasMessageContaining("replaceBody");
    }

    @Test
    void untouchedDecimalsStayExact() {
        String body = "{\"total\":44.90,\"round\":100.0,\"big\":12345678901234567890.12345678901234567890,\"n\":7}";

        String fixed = set("/n", "8").apply(body);

        assertThat(fixed).isEqualTo("{\"total\":44.90,\"round\":100.0,\"big\":12345678901234567890.12345678901234567890,\"n\":8}");
    }

    @Test
    void setValuesKeepTheDecimalsTheOperatorWrote() {
        BodyFix fix = RedriveRequest.parse("""
                {"action": "redrive", "queue": "q", "fix": {"set": {"/payload/total": 19.90}}}"""
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Set.of("q")).fix().orElseThrow();

        assertThat(fix.apply(BODY)).contains("\"total\":19.90");
    }

    @Test
    void replaceBodySendsTheNewTextWhateverTheOldBodyWas() {
        assertThat(new BodyFix.ReplaceBody("{\"eventId\":\"e-1\"}").apply("garbage \u0001")).isEqualTo("{\"eventId\":\"e-1\"}");
    }

    @Test
    void emptyReplaceBodyIsRefused() {
        assertThatThrownBy(() -> new BodyFix.ReplaceBody("")).isInstanceOf(IllegalArgumentException.class);
    }
}
