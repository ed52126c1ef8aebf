package example.greetings;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Invoked directly (aws lambda invoke): answers {"count": N, "functionName": ...} with N the greetings stored. */
public class GreetingCounterHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  private final DynamoDbClient dynamoDb;
  private final String tableName;

  public GreetingCounterHandler() {
    this(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
        System.getenv("TABLE_NAME"));
  }

  GreetingCounterHandler(DynamoDbClient dynamoDb, String tableName) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    int count = 0;
    Map<String, AttributeValue> startKey = null;
    do {
      Map<String, AttributeValue> from = startKey;
      ScanResponse page = dynamoDb.scan(scan -> scan.tableName(tableName)
          .select(Select.COUNT)
          .exclusiveStartKey(from));
      count += page.count();
      startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
          ? page.lastEvaluatedKey() : null;
    } while (startKey != null);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("count", count);
    result.put("functionName", context.getFunctionName());
    return result;
  }
}
