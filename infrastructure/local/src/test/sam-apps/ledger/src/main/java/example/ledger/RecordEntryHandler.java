package example.ledger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Records each SQS message {"account":"acc-1","amount":25} as an item of the entries table
 * (key: account + the message id as entryId). A message whose body is not such an entry (not JSON,
 * no account, amount not a positive integer), or that could not be written, is reported as a batch
 * item failure: SQS delivers it again, then moves it to the dead-letter queue. The others succeed.
 * Each invocation prints one line of CloudWatch's embedded metric format: entries recorded and rejected, and how
 * long the batch took, in the namespace Ledger with the dimension Service.
 */
public class RecordEntryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DynamoDbClient dynamoDb;
  private final String tableName;

  public RecordEntryHandler() {
    this(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
        System.getenv("ENTRIES_TABLE"));
  }

  RecordEntryHandler(DynamoDbClient dynamoDb, String tableName) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    long started = System.nanoTime();
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      try {
        Entry entry = Entry.parse(message.getBody());
        record(message.getMessageId(), entry);
        context.getLogger().log("recorded " + message.getMessageId() + ": " + entry);
      } catch (InvalidEntryException e) {
        context.getLogger().log("rejected " + message.getMessageId() + ": " + e.getMessage());
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      } catch (RuntimeException e) {
        context.getLogger().log("could not record " + message.getMessageId() + ": " + e);
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    int rejected = failures.size();
    System.out.println(metrics(event.getRecords().size() - rejected, rejected, (System.nanoTime() - started) / 1e6));
    return new SQSBatchResponse(failures);
  }

  /** One EMF document: CloudWatch Logs turns it into the metrics, no PutMetricData call needed. */
  static String metrics(int recorded, int rejected, double batchMillis) {
    return String.format(Locale.ROOT, "{\"_aws\":{\"Timestamp\":%d,\"CloudWatchMetrics\":[{\"Namespace\":\"Ledger\","
        + "\"Dimensions\":[[\"Service\"]],\"Metrics\":[{\"Name\":\"EntriesRecorded\",\"Unit\":\"Count\"},"
        + "{\"Name\":\"EntriesRejected\",\"Unit\":\"Count\"},{\"Name\":\"BatchTime\",\"Unit\":\"Milliseconds\"}]}]},"
        + "\"Service\":\"ledger\",\"EntriesRecorded\":%d,\"EntriesRejected\":%d,\"BatchTime\":%.3f}",
        System.currentTimeMillis(), recorded, rejected, batchMillis);
  }

  private void record(String entryId, Entry entry) {
    try {
      dynamoDb.putItem(put -> put.tableName(tableName)
          .item(Map.of(
              "account", AttributeValue.fromS(entry.account()),
              "entryId", AttributeValue.fromS(entryId),
              "amount", AttributeValue.fromN(Long.toString(entry.amount())),
              "recordedAt", AttributeValue.fromS(Instant.now().toString())))
          .conditionExpression("attribute_not_exists(entryId)"));
    } catch (ConditionalCheckFailedException alreadyRecorded) {
      // The same message delivered again: it was recorded the first time.
    }
  }

  record Entry(String account, long amount) {

    static Entry parse(String body) {
      JsonNode json;
      try {
        json = body == null ? null : JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new InvalidEntryException("the body is not JSON");
      }
      if (json == null || !json.isObject()) {
        throw new InvalidEntryException("the body is not a JSON object");
      }
      JsonNode account = json.get("account");
      if (account == null || !account.isTextual() || account.asText().isBlank()) {
        throw new InvalidEntryException("account is missing");
      }
      JsonNode amount = json.get("amount");
      if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong() || amount.asLong() <= 0) {
        throw new InvalidEntryException("amount is not a positive integer: " + amount);
      }
      return new Entry(account.asText(), amount.asLong());
    }
  }

  static final class InvalidEntryException extends RuntimeException {
    InvalidEntryException(String message) {
      super(message);
    }
  }
}
