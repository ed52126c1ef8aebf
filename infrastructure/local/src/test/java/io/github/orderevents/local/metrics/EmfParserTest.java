package io.github.orderevents.local.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmfParserTest {
    private static final String LANE = """
            {"_aws":{"Timestamp":1767225600000,"CloudWatchMetrics":[{"Namespace":"Media","Dimensions":[["Tier"]],
            "Metrics":[{"Name":"QueueAge","Unit":"Milliseconds"}]}]},"Tier":"gold","QueueAge":412.5,"jobId":"j-1"}"""
            .replace("\n", "");

    @Test
    void readsAMetricWithItsNamespaceDimensionUnitTimestampAndValue() {
        List<MetricDatum> data = metrics(LANE);

        assertThat(data).containsExactly(new MetricDatum(MetricKey.of("Media", "QueueAge", Map.of("Tier", "gold")),
                "Milliseconds", 1767225600000L, List.of(412.5)));
    }

    @Test
    void readsAnArrayOfValuesAsThatManyValues() {
        List<MetricDatum> data = metrics("""
                {"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"Media","Dimensions":[[]],
                "Metrics":[{"Name":"BatchSize","Unit":"Count"}]}]},"BatchSize":[3,10,7]}""".replace("\n", ""));

        assertThat(data).singleElement().satisfies(datum -> {
            assertThat(datum.values()).containsExactly(3.0, 10.0, 7.0);
            assertThat(datum.key().dimensions()).isEmpty();
        });
    }

    @Test
    void readsEveryMetricOnceForEachDimensionSet() {
        List<MetricDatum> data = metrics("""
                {"_aws":{"Timestamp":5,"CloudWatchMetrics":[{"Namespace":"Media","Dimensions":[["Tier"],["Tier","Service"],[]],
                "Metrics":[{"Name":"RenderTime","Unit":"Milliseconds"},{"Name":"Renders","Unit":"Count"}]}]},
                "Tier":"basic","Service":"thumbnails","RenderTime":12,"Renders":1}""".replace("\n", ""));

        assertThat(data).extracting(d -> d.key().name() + " " + d.key().dimensionLabel()).containsExactly(
                "RenderTime Tier=basic", "RenderTime Service=thumbnails, Tier=basic",
                "RenderTime (no dimensions)", "Renders Tier=basic", "Renders Service=thumbnails, Tier=basic",
                "Renders (no dimensions)");
    }

    @Test
    void aMetricWithoutUnitIsNone() {
        List<MetricDatum> data = metrics("""
                {"_aws":{"Timestamp":5,"CloudWatchMetrics":[{"Namespace":"Media","Dimensions":[],"Metrics":[{"Name":"Ratio"}]}]},
                "Ratio":0.5}""".replace("\n", ""));

        assertThat(data).singleElement().extracting(MetricDatum::unit).isEqualTo("None");
    }

    @Test
    void sameDimensionsInAnotherOrderAreTheSameSeries() {
        assertThat(MetricKey.of("N", "M", Map.of("B", "2", "A", "1")))
                .isEqualTo(new MetricKey("N", "M", List.of(new Dimension("A", "1"), new Dimension("B", "2"))));
    }

    @Test
    void linesThatAreNotJsonObjectsWithAnAwsMemberAreNotEmf() {
        assertThat(EmfParser.parse("START RequestId: 1 Version: $LATEST")).isInstanceOf(EmfLine.NotEmf.class);
        assertThat(EmfParser.parse("stored greeting {\"_aws\": 1} and more")).isInstanceOf(EmfLine.NotEmf.class);
        assertThat(EmfParser.parse("stored greeting {\"_aws\": 1")).isInstanceOf(EmfLine.NotEmf.class);
        assertThat(EmfParser.parse("{\"level\":\"INFO\",\"message\":\"hello\"}")).isInstanceOf(EmfLine.NotEmf.class);
        assertThat(EmfParser.parse("{\"message\":\"mentions \\\"_aws\\\"\"}")).isInstanceOf(EmfLine.NotEmf.class);
    }

    @Test
    void anEmfDocumentAfterTextLoggedWithoutANewlineStillGivesItsMetrics() {
        List<MetricDatum> data = metrics("recorded m-1: Entry[account=acc-1, amount={25}]" + LANE);

        assertThat(data).extracting(d -> d.key().name()).containsExactly("QueueAge");
    }

    @Test
    void brokenJsonWithAnAwsMemberIsInvalid() {
        assertThat(EmfParser.parse("{\"_aws\":{\"Timestamp\":1,")).isInstanceOfSatisfying(EmfLine.Invalid.class,
                invalid -> assertThat(invalid.reason()).startsWith("not JSON"));
    }

    @Test
    void documentsMissingWhatTheSpecificationRequiresAreInvalidWithTheReason() {
        assertThat(reason(LANE.replace("\"Timestamp\":1767225600000,", ""))).contains("Timestamp");
        assertThat(reason(LANE.replace("\"Timestamp\":1767225600000", "\"Timestamp\":\"now\""))).contains("Timestamp");
        assertThat(reason("{\"_aws\":{\"Timestamp\":1}}")).contains("CloudWatchMetrics");
        assertThat(reason("{\"_aws\":[]}")).contains("_aws is not an object");
        assertThat(reason(LANE.replace("\"Namespace\":\"Media\",", ""))).contains("Namespace");
        assertThat(reason(LANE.replace("\"Namespace\":\"Media\"", "\"Namespace\":\"AWS/Lambda\""))).contains("reserved");
        assertThat(reason(LANE.replace("\"Dimensions\":[[\"Tier\"]],", ""))).contains("Dimensions");
        assertThat(reason(LANE.replace("\"Tier\":\"gold\",", ""))).contains("dimension Tier");
        assertThat(reason(LANE.replace("\"Tier\":\"gold\"", "\"Tier\":7"))).contains("dimension Tier");
        assertThat(reason(LANE.replace("\"QueueAge\":412.5,", ""))).contains("QueueAge has no value");
        assertThat(reason(LANE.replace("412.5", "\"slow\""))).contains("not a number");
        assertThat(reason(LANE.replace("412.5", "[1,\"x\"]"))).contains("not a number");
        assertThat(reason(LANE.replace("\"Unit\":\"Milliseconds\"", "\"Unit\":\"Parsecs\""))).contains("Unit");
        assertThat(reason(LANE.replace("{\"Name\":\"QueueAge\",", "{"))).contains("Name");
        assertThat(reason(LANE.replace("\"Metrics\":[", "\"Metricz\":["))).contains("Metrics");
    }

    @Test
    void moreThanAHundredValuesForOneMetricAreInvalid() {
        String values = "[" + "1,".repeat(100) + "1]";

        assertThat(reason(LANE.replace("412.5", values))).contains("more than 100 values");
    }

    private static List<MetricDatum> metrics(String line) {
        EmfLine parsed = EmfParser.parse(line);
        assertThat(parsed).as(String.valueOf(parsed)).isInstanceOf(EmfLine.Metrics.class);
        return ((EmfLine.Metrics) parsed).data();
    }

    private static String reason(String line) {
        EmfLine parsed = EmfParser.parse(line);
        assertThat(parsed).as(line).isInstanceOf(EmfLine.Invalid.class);
        return ((EmfLine.Invalid) parsed).reason();
    }
}
