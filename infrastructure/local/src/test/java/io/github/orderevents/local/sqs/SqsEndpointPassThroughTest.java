package io.github.orderevents.local.sqs;

import io.github.orderevents.local.sqs.SqsTestbed.Queue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqsEndpointPassThroughTest {
    private static SqsTestbed bed;
    private static String endpoint;
    private static String backend;

    @BeforeAll
    static void start() {
        bed = SqsTestbed.start();
        endpoint = bed.endpoint.endpoint().toString();
        backend = bed.backend.endpoint();
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @Test
    void passesOrdinaryFifoCallsThrough() {
        Queue queue = bed.queue(SqsTestbed.unique("orders"), true, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45"));
        bed.sqs.setQueueAttributes(r -> r.queueUrl(queue.url()).attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "0")));
        bed.send(queue, "first", "order-1");
        bed.send(queue, "second", "order-1");

        Map<QueueAttributeName, String> attributes = bed.sqs.getQueueAttributes(r -> r.queueUrl(queue.url())
                .attributeNames(QueueAttributeName.ALL)).attributes();
        List<Message> received = bed.drain(queue, 2);

        assertThat(attributes).containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "45")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "2");
        assertThat(received).extracting(Message::body).containsExactly("first", "second");
        assertThat(received).allSatisfy(message -> assertThat(message.attributes())
                .containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "order-1"));
        assertThat(received.getFirst().messageAttributes().get("n").stringValue()).isEqualTo("first");
        assertThat(bed.allMessages(queue)).isZero();
    }

    @Test
    void answersWithQueueUrlsOfTheEndpointNotOfTheBackend() {
        String name = SqsTestbed.unique("urls");
        String created = bed.sqs.createQueue(r -> r.queueName(name)).queueUrl();
        String looked = bed.sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
        List<String> listed = bed.sqs.listQueues(r -> r.queueNamePrefix(name)).queueUrls();

        assertThat(created).isEqualTo(endpoint + "/000000000000/" + name);
        assertThat(looked).isEqualTo(created);
        assertThat(listed).containsExactly(created);
    }

    @Test
    void answersQueryProtocolCallsWithQueueUrlsOfTheEndpoint() throws Exception {
        String name = SqsTestbed.unique("query");
        bed.sqs.createQueue(r -> r.queueName(name));

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListQueues&QueueNamePrefix=" + name + "&Version=2012-11-05"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("xml"));
        assertThat(response.body()).contains("<QueueUrl>" + endpoint + "/000000000000/" + name + "</QueueUrl>")
                .doesNotContain(backend);
    }

    @Test
    void passesTheBackendsErrorsThrough() {
        assertThatThrownBy(() -> bed.sqs.getQueueUrl(r -> r.queueName(SqsTestbed.unique("missing"))))
                .isInstanceOf(QueueDoesNotExistException.class);
    }

    @Test
    void waitsAsLongAsALongPollingReceiveDoes() {
        Queue queue = bed.queue(SqsTestbed.unique("empty"), false, Map.of());
        long started = System.nanoTime();

        List<Message> received = bed.sqs.receiveMessage(r -> r.queueUrl(queue.url()).waitTimeSeconds(2)).messages();

        assertThat(received).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1800));
    }
}
