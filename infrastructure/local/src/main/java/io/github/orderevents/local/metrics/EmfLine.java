package io.github.orderevents.local.metrics;

import java.util.List;

/** What a log line is to CloudWatch's metric extraction: not EMF, EMF that fails the specification, or metrics. */
public sealed interface EmfLine {
    /** An ordinary log line: no JSON object with an {@code _aws} member. */
    record NotEmf() implements EmfLine {
    }

    /** An EMF document that breaks the specification: CloudWatch extracts nothing from it. */
    record Invalid(String reason) implements EmfLine {
    }

    /** A valid EMF document: one datum per metric and dimension set. */
    record Metrics(List<MetricDatum> data) implements EmfLine {
        public Metrics {
            data = List.copyOf(data);
        }
    }
}
