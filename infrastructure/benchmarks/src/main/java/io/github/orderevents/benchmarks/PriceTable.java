package io.github.orderevents.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AWS list prices, us-east-1, on demand, in US dollars, as published on 2026-12-02 (first volume tier; free tiers
 * left out). Sources: aws.amazon.com/dynamodb/pricing/on-demand/ (request units), aws.amazon.com/sqs/pricing/
 * (FIFO requests; each 64 KB chunk of a payload is a request), aws.amazon.com/lambda/pricing/ (requests; GB-seconds
 * x86 and arm64), aws.amazon.com/api-gateway/pricing/ (REST API calls, first 333 million a month).
 * docs/benchmarks.md shows the same table. Check them before quoting a figure: prices change.
 */
record PriceTable(String date, double dynamoWritePerMillion, double dynamoReadPerMillion, double sqsFifoPerMillion,
                  double lambdaRequestsPerMillion, double lambdaGbSecondX86, double lambdaGbSecondArm64,
                  double apiRestPerMillion) {

    static final PriceTable US_EAST_1 = new PriceTable("2026-12-02", 0.625, 0.125, 0.50, 0.20, 0.0000166667, 0.0000133334, 3.50);

    static final Map<String, String> SOURCES = Map.of(
            "dynamodb", "https://aws.amazon.com/dynamodb/pricing/on-demand/",
            "sqs", "https://aws.amazon.com/sqs/pricing/",
            "lambda", "https://aws.amazon.com/lambda/pricing/",
            "apigateway", "https://aws.amazon.com/api-gateway/pricing/");

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", date);
        m.put("region", "us-east-1");
        m.put("dynamoDbWriteRequestUnitsPerMillion", dynamoWritePerMillion);
        m.put("dynamoDbReadRequestUnitsPerMillion", dynamoReadPerMillion);
        m.put("sqsFifoRequestsPerMillion", sqsFifoPerMillion);
        m.put("lambdaRequestsPerMillion", lambdaRequestsPerMillion);
        m.put("lambdaGbSecondX86", lambdaGbSecondX86);
        m.put("lambdaGbSecondArm64", lambdaGbSecondArm64);
        m.put("apiGatewayRestRequestsPerMillion", apiRestPerMillion);
        m.put("sources", SOURCES);
        return m;
    }
}
