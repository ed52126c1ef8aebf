package io.github.orderevents.local.sqs;

import io.github.orderevents.local.sqs.SqsTestbed.Queue;
import io.github.orderevents.local.sqs.SqsTestbed.Redrive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.model.SqsException;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class MessageMoveTaskTest {
    private static SqsTestbed bed;

    @BeforeAll
    static void start() {
        bed = SqsTestbed.start();
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @Test
    void movesFifoDeadLettersBackToTheirSourceKeepingGroupsAndOrder() {
        Redrive redrive = bed.redrive(SqsTestbed.unique("inventory"), true);
        List.of("a1", "a2", "a3").forEach(body -> bed.send(redrive.source(), body, "order-a"));
        List.of("b1", "b2").forEach(body -> bed.send(redrive.source(), body, "order-b"));
        bed.failIntoDlq(redrive, 5);

        String handle = bed.sqs.startMessageMoveTask(r -> r.sourceArn(redrive.dlq().arn())).taskHandle();
        ListMessageMoveTasksResultEntry task = bed.awaitEnd(redrive.dlq());
        // Back within the 5-minute deduplication window of the original sends: a new deduplication id is needed.
        List<Message> back = bed.drain(redrive.source(), 5);

        assertThat(handle).isNotBlank();
        assertThat(task.status()).isEqualTo("COMPLETED");
        assertThat(task.approximateNumberOfMessagesMoved()).isEqualTo(5);
        assertThat(task.approximateNumberOfMessagesToMove()).isEqualTo(5);
        assertThat(task.sourceArn()).isEqualTo(redrive.dlq().arn());
        assertThat(task.destinationArn()).isNull();
        assertThat(task.taskHandle()).as("only a RUNNING task shows its handle").isNull();
        assertThat(task.startedTimestamp()).isPositive();
        assertThat(bed.allMessages(redrive.dlq())).isZero();
        Map<String, List<String>> byGroup = back.stream().collect(Collectors.groupingBy(
                message -> message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
                Collectors.mapping(Message::body, Collectors.toList())));
        assertThat(byGroup).containsExactlyInAnyOrderEntriesOf(Map.of(
                "order-a", List.of("a1", "a2", "a3"), "order-b", List.of("b1", "b2")));
        assertThat(back).allSatisfy(message ->
                assertThat(message.messageAttributes().get("n").stringValue()).isEqualTo(message.body()));
    }

    @Test
    void movesStandardDeadLettersBack() {
        Redrive redrive = bed.redrive(SqsTestbed.unique("notifications"), false);
        List.of("m1", "m2", "m3").forEach(body -> bed.send(redrive.source(), body, null));
        bed.failIntoDlq(redrive, 3);

        bed.sqs.startMessageMoveTask(r -> r.sourceArn(redrive.dlq().arn()));
        ListMessageMoveTasksResultEntry task = bed.awaitEnd(redrive.dlq());

        assertThat(task.status()).isEqualTo("COMPLETED");
        assertThat(task.approximateNumberOfMessagesMoved()).isEqualTo(3);
        assertThat(bed.drain(redrive.source(), 3)).extracting(Message::body).containsExactlyInAnyOrder("m1", "m2", "m3");
        assertThat(bed.allMessages(redrive.dlq())).isZero();
    }

    @Test
    void movesToTheDestinationArnWhenOneIsGiven() {
        Redrive redrive = bed.redrive(SqsTestbed.unique("relay"), true);
        Queue elsewhere = bed.queue(SqsTestbed.unique("elsewhere"), true, Map.of());
        List.of("x1", "x2").forEach(body -> bed.send(redrive.source(), body, "g"));
        bed.failIntoDlq(redrive, 2);

        bed.sqs.startMessageMoveTask(r -> r.sourceArn(redrive.dlq().arn()).destinationArn(elsewhere.arn()));
        ListMessageMoveTasksResultEntry task = bed.awaitEnd(redrive.dlq());

        assertThat(task.status()).isEqualTo("COMPLETED");
        assertThat(task.destinationArn()).isEqualTo(elsewhere.arn());
        assertThat(bed.drain(elsewhere, 2)).extracting(Message::body).containsExactly("x1", "x2");
        assertThat(bed.allMessages(redrive.source())).isZero();
    }

    @Test
    void sendsEachMessageBackToTheQueueItCameFrom() {
        Queue dlq = bed.queue(SqsTestbed.unique("shared-dlq"), false, Map.of());
        Redrive first = new Redrive(bed.sourceOf(dlq, SqsTestbed.unique("first"), false), dlq);
        Redrive second = new Redrive(bed.sourceOf(dlq, SqsTestbed.unique("second"), false), dlq);
        bed.send(first.source(), "from-first", null);
        bed.failIntoDlq(first, 1);
        bed.send(second.source(), "from-second", null);
        bed.failIntoDlq(second, 2);

        bed.sqs.startMessageMoveTask(r -> r.sourceArn(dlq.arn()));

        assertThat(bed.awaitEnd(dlq).status()).isEqualTo("COMPLETED");
        assertThat(bed.drain(first.source(), 1)).extracting(Message::body).containsExactly("from-first");
        assertThat(bed.drain(second.source(), 1)).extracting(Message::body).containsExactly("from-second");
    }

    @Test
    void sendsAMessageWithoutOriginToTheOnlyQueueUsingTheDlq() {
        Redrive redrive = bed.redrive(SqsTestbed.unique("direct"), false);
        // Sent straight into the DLQ, so it carries no DeadLetterQueueSourceArn.
        bed.send(redrive.dlq(), "put-there", null);

        bed.sqs.startMessageMoveTask(r -> r.sourceArn(redrive.dlq().arn()));

        assertThat(bed.awaitEnd(redrive.dlq()).status()).isEqualTo("COMPLETED");
        assertThat(bed.drain(redrive.source(), 1)).extracting(Message::body).containsExactly("put-there");
    }

    @Test
    void failsOnAMessageWithoutOriginWhenSeveralQueuesUseTheDlq() {
        Queue dlq = bed.queue(SqsTestbed.unique("orphans"), false, Map.of());
        bed.sourceOf(dlq, SqsTestbed.unique("one"), false);
        bed.sourceOf(dlq, SqsTestbed.unique("other"), false);
        bed.send(dlq, "orphan", null);

        bed.sqs.startMessageMoveTask(r -> r.sourceArn(dlq.arn()));
        ListMessageMoveTasksResultEntry task = bed.awaitEnd(dlq);

        assertThat(task.status()).isEqualTo("FAILED");
        assertThat(task.failureReason()).contains("no DeadLetterQueueSourceArn").contains("DestinationArn");
        assertThat(task.approximateNumberOfMessagesMoved()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.visibleMessages(dlq) == 1);
    }

    @Test
    void failsWhenTheDestinationIsDeletedWhileMoving() {
        Redrive redrive = bed.redrive(SqsTestbed.unique("doomed"), false);
        Queue destination = bed.queue(SqsTestbed.unique("doomed-destination"), false, Map.of());
        IntStream.range(0, 5).forEach(i -> bed.send(redrive.source(), "m" + i, null));
        bed.failIntoDlq(redrive, 5);
        bed.sqs.startMessageMoveTask(r -> r.sourceArn(redrive.dlq().arn()).destinationArn(destination.arn())
                .maxNumberOfMessagesPerSecond(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.latestTask(redrive.dlq()).approximateNumberOfMessagesMoved() >= 1);

        bed.sqs.deleteQueue(r -> r.queueUrl(destination.url()));
        ListMessageMoveTasksResultEntry task = bed.awaitEnd(redrive.dlq());

        assertThat(task.status()).isEqualTo("FAILED");
        assertThat(task.failureReason()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        long moved = task.approximateNumberOfMessagesMoved();
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.visibleMessages(redrive.dlq()) == 5 - moved);
    }

    @Test
    void rejectsASecondTaskWhileOneRuns() {
        Redrive redrive = bed.redrive(SqsTestbed.unique("busy"), false);
        IntStream.range(0, 5).forEach(i -> bed.send(redrive.source(), "m" + i, null));
        bed.failIntoDlq(redrive, 5);
        String handle = bed.sqs.startMessageMoveTask(r -> r.sourceArn(redrive.dlq().arn()).maxNumberOfMessagesPerSecond(1))
                .taskHandle();

        assertThatThrownBy(() -> bed.sqs.startMessageMoveTask(r -> r.sourceArn(redrive.dlq().arn())))
                .isInstanceOfSatisfying(SqsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("already a task running");
                });
        bed.sqs.cancelMessageMoveTask(r -> r.taskHandle(handle));
    }

    @Test
    void rejectsAQueueThatIsNoDeadLetterQueueAtOnce() {
        Redrive redrive = bed.redrive(SqsTestbed.unique("plain"), false);
        long started = System.nanoTime();

        assertThatThrownBy(() -> bed.sqs.startMessageMoveTask(r -> r.sourceArn(redrive.source().arn())))
                .isInstanceOfSatisfying(SqsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Source queue must be configured as a Dead Letter Queue.");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void rejectsAQueueThatDoesNotExist() {
        assertThatThrownBy(() -> bed.sqs.startMessageMoveTask(r -> r.sourceArn("arn:aws:sqs:us-east-1:000000000000:nope")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The resource that you specified for the SourceArn parameter doesn't exist.");
                });
    }

    @Test
    void rejectsARateOutsideOneTo500() {
        Redrive redrive = bed.redrive(SqsTestbed.unique("rate"), false);

        assertThatThrownBy(() -> bed.sqs.startMessageMoveTask(r -> r.sourceArn(redrive.dlq().arn()).maxNumberOfMessagesPerSecond(501)))
                .isInstanceOfSatisfying(SqsException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> bed.sqs.startMessageMoveTask(r -> r.sourceArn(redrive.dlq().arn()).maxNumberOfMessagesPerSecond(0)))
                .isInstanceOfSatisfying(SqsException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void cancelsARunningTaskAndLeavesTheRestInTheDlq() {
        Redrive redrive = bed.redrive(SqsTestbed.unique("cancel"), true);
        IntStream.range(0, 10).forEach(i -> bed.send(redrive.source(), "m" + i, "g" + (i % 2)));
        bed.failIntoDlq(redrive, 10);
        String handle = bed.sqs.startMessageMoveTask(r -> r.sourceArn(redrive.dlq().arn()).maxNumberOfMessagesPerSecond(2))
                .taskHandle();
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.latestTask(redrive.dlq()).approximateNumberOfMessagesMoved() >= 1);
        ListMessageMoveTasksResultEntry running = bed.latestTask(redrive.dlq());

        long movedAtCancel = bed.sqs.cancelMessageMoveTask(r -> r.taskHandle(handle)).approximateNumberOfMessagesMoved();
        ListMessageMoveTasksResultEntry cancelled = bed.awaitEnd(redrive.dlq());

        assertThat(running.status()).isEqualTo("RUNNING");
        assertThat(running.taskHandle()).isEqualTo(handle);
        assertThat(running.maxNumberOfMessagesPerSecond()).isEqualTo(2);
        assertThat(movedAtCancel).isBetween(1L, 9L);
        assertThat(cancelled.status()).isEqualTo("CANCELLED");
        long moved = cancelled.approximateNumberOfMessagesMoved();
        assertThat(moved).isLessThan(10);
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.visibleMessages(redrive.dlq()) == 10 - moved);
        assertThat(bed.allMessages(redrive.source())).isEqualTo(moved);
    }

    @Test
    void movesNoFasterThanTheRateAllows() {
        Redrive redrive = bed.redrive(SqsTestbed.unique("slow"), false);
        IntStream.range(0, 20).forEach(i -> bed.send(redrive.source(), "m" + i, null));
        bed.failIntoDlq(redrive, 20);
        long started = System.nanoTime();

        bed.sqs.startMessageMoveTask(r -> r.sourceArn(redrive.dlq().arn()).maxNumberOfMessagesPerSecond(10));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> bed.latestTask(redrive.dlq()).approximateNumberOfMessagesMoved() == 20);

        // 20 sends at 10 a second: the last goes 1.9 s after the first.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void listsTheMostRecentTasksFirstAndOneByDefault() {
        Redrive redrive = bed.redrive(SqsTestbed.unique("history"), false);
        bed.send(redrive.source(), "once", null);
        bed.failIntoDlq(redrive, 1);
        String first = bed.sqs.startMessageMoveTask(r -> r.sourceArn(redrive.dlq().arn())).taskHandle();
        bed.awaitEnd(redrive.dlq());
        String second = bed.sqs.startMessageMoveTask(r -> r.sourceArn(redrive.dlq().arn()).maxNumberOfMessagesPerSecond(3))
                .taskHandle();
        bed.awaitEnd(redrive.dlq());

        List<ListMessageMoveTasksResultEntry> byDefault = bed.sqs.listMessageMoveTasks(r -> r.sourceArn(redrive.dlq().arn())).results();
        List<ListMessageMoveTasksResultEntry> upToTen = bed.sqs.listMessageMoveTasks(r -> r.sourceArn(redrive.dlq().arn()).maxResults(10))
                .results();

        assertThat(first).isNotEqualTo(second);
        assertThat(byDefault).singleElement().satisfies(task -> assertThat(task.maxNumberOfMessagesPerSecond()).isEqualTo(3));
        assertThat(upToTen).extracting(ListMessageMoveTasksResultEntry::approximateNumberOfMessagesMoved).containsExactly(0L, 1L);
        assertThatThrownBy(() -> bed.sqs.listMessageMoveTasks(r -> r.sourceArn(redrive.dlq().arn()).maxResults(11)))
                .isInstanceOfSatisfying(SqsException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void rejectsTaskHandlesItDidNotIssue() {
        assertThatThrownBy(() -> bed.sqs.cancelMessageMoveTask(r -> r.taskHandle("foobared")))
                .isInstanceOfSatisfying(SqsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Value for parameter TaskHandle is invalid.");
                });
    }

    @Test
    void startsTasksForTheConsoleAsTheApiDoes() {
        Redrive redrive = bed.redrive(SqsTestbed.unique("console"), true);
        bed.send(redrive.source(), "c1", "g");
        bed.failIntoDlq(redrive, 1);

        MoveTask started = bed.endpoint.startMoveTask(redrive.dlq().arn(), Optional.empty(), Optional.empty());
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.endpoint.tasks().stream()
                .anyMatch(task -> task.taskHandle().equals(started.taskHandle()) && task.status() == MoveTask.Status.COMPLETED));

        assertThat(started.status()).isEqualTo(MoveTask.Status.RUNNING);
        assertThat(started.approximateNumberOfMessagesToMove()).isEqualTo(1);
        assertThat(bed.latestTask(redrive.dlq()).status()).isEqualTo("COMPLETED");
        assertThat(bed.drain(redrive.source(), 1)).extracting(Message::body).containsExactly("c1");
        assertThatThrownBy(() -> bed.endpoint.startMoveTask(redrive.source().arn(), Optional.empty(), Optional.empty()))
                .isInstanceOfSatisfying(SqsApiException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.httpStatus()).isEqualTo(400);
                });
    }

    @Test
    void speaksTheQueryProtocolToo() throws Exception {
        Redrive redrive = bed.redrive(SqsTestbed.unique("query"), true);
        bed.send(redrive.source(), "q1", "g");
        bed.failIntoDlq(redrive, 1);

        HttpResponse<String> started = query("Action=StartMessageMoveTask&SourceArn=" + encode(redrive.dlq().arn()));
        bed.awaitEnd(redrive.dlq());
        HttpResponse<String> listed = query("Action=ListMessageMoveTasks&MaxResults=10&SourceArn=" + encode(redrive.dlq().arn()));
        HttpResponse<String> rejected = query("Action=StartMessageMoveTask&SourceArn=" + encode(redrive.source().arn()));

        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(text(started, "TaskHandle")).isNotBlank();
        assertThat(xml(started).getDocumentElement().getTagName()).isEqualTo("StartMessageMoveTaskResponse");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(xml(listed).getElementsByTagName("ListMessageMoveTasksResultEntry").getLength()).isEqualTo(1);
        assertThat(text(listed, "Status")).isEqualTo("COMPLETED");
        assertThat(text(listed, "ApproximateNumberOfMessagesMoved")).isEqualTo("1");
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(text(rejected, "Code")).isEqualTo("InvalidParameterValue");
        assertThat(text(rejected, "Type")).isEqualTo("Sender");
        assertThat(bed.drain(redrive.source(), 1)).extracting(Message::body).containsExactly("q1");
    }

    private static HttpResponse<String> query(String form) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(bed.endpoint.endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&Version=2012-11-05")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Document xml(HttpResponse<String> response) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(HttpResponse<String> response, String element) throws Exception {
        return xml(response).getElementsByTagName(element).item(0).getTextContent();
    }
}
