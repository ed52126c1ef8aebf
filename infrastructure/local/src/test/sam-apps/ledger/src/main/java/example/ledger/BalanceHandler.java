package example.ledger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reads the entries table's stream: for each inserted entry, adds its amount to the account's balance
 * (and counts the entry) in the balances table with an UpdateItem ADD.
 */
public class BalanceHandler implements RequestHandler<DynamodbEvent, Void> {

  private final DynamoDbClient dynamoDb;
  private final String tableName;

  public BalanceHandler() {
    this(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
        System.getenv("BALANCES_TABLE"));
  }

  BalanceHandler(DynamoDbClient dynamoDb, String tableName) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
  }

  @Override
  public Void handleRequest(DynamodbEvent event, Context context) {
    for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
      if (!"INSERT".equals(record.getEventName())) {
        continue;
      }
      Map<String, AttributeValue> entry = record.getDynamodb().getNewImage();
      String account = entry.get("account").getS();
      String amount = entry.get("amount").getN();
      dynamoDb.updateItem(update -> update.tableName(tableName)
          .key(Map.of("account", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(account)))
          .updateExpression("ADD balance :amount, entries :one")
          .expressionAttributeValues(Map.of(
              ":amount", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(amount),
              ":one", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("1"))));
      context.getLogger().log("added " + amount + " to " + account);
    }
    return null;
  }
}
