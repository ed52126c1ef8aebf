package io.github.orderevents.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderevents.local.Json;
import io.github.orderevents.local.sqs.QueueDirectory.QueueArn;
import io.github.orderevents.local.sqs.QueueDirectory.QueueState;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * StartMessageMoveTask, ListMessageMoveTasks and CancelMessageMoveTask over the backend's queues, with
 * the checks and error answers SQS gives (SQS API reference; error codes and messages as recorded on AWS
 * by LocalStack's snapshot tests).
 */
final class MessageMoveTasks implements AutoCloseable {
    static final int MAX_RATE = 500;
    static final int MAX_RESULTS = 10;
    /** SQS lists the 10 most recent tasks of a queue; older ones are forgotten. */
    private static final int KEPT_PER_SOURCE = MAX_RESULTS;

    private final SqsClient backend;
    private final QueueDirectory queues;
    private final ExecutorService movers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("sqs-message-move-task-", 0).factory());
    private final Object lock = new Object();
    /** By the source queue's URL (a queue has one URL whatever ARN spelling names it); most recent first. */
    private final Map<String, Deque<TaskState>> bySource = new HashMap<>();
    private final Map<String, TaskState> byId = new HashMap<>();
    private boolean closed;

    MessageMoveTasks(SqsClient backend) {
        this.backend = backend;
        this.queues = new QueueDirectory(backend);
    }

    MoveTask start(String sourceArn, Optional<String> destinationArn, Optional<Integer> rate) {
        if (sourceArn == null || sourceArn.isBlank()) {
            throw SqsApiException.missingParameter("SourceArn");
        }
        rate.ifPresent(r -> {
            if (r < 1 || r > MAX_RATE) {
                throw SqsApiException.invalidParameterValue("Value for parameter MaxNumberOfMessagesPerSecond is invalid. "
                        + "Reason: You must enter a number that's between 1 and " + MAX_RATE + ".");
            }
        });
        QueueArn source = QueueArn.parse(sourceArn).orElseThrow(() -> SqsApiException.invalidArn("SourceArn"));
        String sourceUrl = queues.url(source).orElseThrow(() -> SqsApiException.queueNotFound("SourceArn"));
        List<String> redriveSources = queues.deadLetterSources(sourceUrl);
        if (redriveSources.isEmpty()) {
            throw SqsApiException.invalidParameterValue("Source queue must be configured as a Dead Letter Queue.");
        }
        QueueState sourceState = queues.state(sourceUrl);
        Optional<String> destinationUrl = Optional.empty();
        if (destinationArn.isPresent()) {
            QueueArn destination = QueueArn.parse(destinationArn.get())
                    .orElseThrow(() -> SqsApiException.invalidArn("DestinationArn"));
            if (destination.name().equals(source.name())) {
                throw SqsApiException.invalidParameterValue("Source queue arn and destination queue arn cannot be the same.");
            }
            String url = queues.url(destination).orElseThrow(() -> SqsApiException.queueNotFound("DestinationArn"));
            if (queues.state(url).fifo() != sourceState.fifo()) {
                throw SqsApiException.invalidParameterValue("The source queue and destination queue must be of the same queue type.");
            }
            destinationUrl = Optional.of(url);
        }
        String taskId = UUID.randomUUID().toString();
        TaskState task = new TaskState(taskId, handle(taskId, sourceArn), sourceArn, sourceUrl, sourceState.fifo(),
                destinationArn, destinationUrl, redriveSources, rate, sourceState.approximateNumberOfMessages(),
                System.currentTimeMillis());
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the local SQS endpoint is closed");
            }
            Deque<TaskState> tasks = bySource.computeIfAbsent(sourceUrl, url -> new ArrayDeque<>());
            if (tasks.stream().anyMatch(t -> t.status().active())) {
                throw SqsApiException.invalidParameterValue("There is already a task running. "
                        + "Only one active task is allowed for a source queue arn at a given time.");
            }
            tasks.addFirst(task);
            byId.put(taskId, task);
            while (tasks.size() > KEPT_PER_SOURCE) {
                byId.remove(tasks.removeLast().taskId);
            }
            movers.execute(new MessageMover(task, backend, queues));
        }
        return task.snapshot();
    }

    List<MoveTask> list(String sourceArn, Optional<Integer> maxResults) {
        if (sourceArn == null || sourceArn.isBlank()) {
            throw SqsApiException.missingParameter("SourceArn");
        }
        int max = maxResults.orElse(1);
        if (max < 1 || max > MAX_RESULTS) {
            throw SqsApiException.invalidParameterValue("Value for parameter MaxResults is invalid. "
                    + "Reason: You must enter a number that's between 1 and " + MAX_RESULTS + ".");
        }
        QueueArn source = QueueArn.parse(sourceArn).orElseThrow(() -> SqsApiException.invalidArn("SourceArn"));
        String sourceUrl = queues.url(source).orElseThrow(() -> SqsApiException.queueNotFound("SourceArn"));
        synchronized (lock) {
            return bySource.getOrDefault(sourceUrl, new ArrayDeque<>()).stream().limit(max).map(TaskState::snapshot).toList();
        }
    }

    /** Cancels a RUNNING task; returns the number of messages it moved so far. */
    long cancel(String taskHandle) {
        if (taskHandle == null || taskHandle.isBlank()) {
            throw SqsApiException.missingParameter("TaskHandle");
        }
        Handle handle = Handle.decode(taskHandle)
                .orElseThrow(() -> SqsApiException.invalidParameterValue("Value for parameter TaskHandle is invalid."));
        QueueArn source = QueueArn.parse(handle.sourceArn()).orElseThrow(() -> SqsApiException.queueNotFound("SourceArn"));
        String sourceUrl = queues.url(source).orElseThrow(() -> SqsApiException.queueNotFound("SourceArn"));
        TaskState task;
        synchronized (lock) {
            task = byId.get(handle.taskId());
        }
        if (task == null || !task.sourceUrl.equals(sourceUrl)) {
            throw SqsApiException.resourceNotFound("Task does not exist.");
        }
        if (!task.requestCancel()) {
            // The API reference: "A message movement can only be cancelled when the current status is RUNNING."
            throw SqsApiException.invalidParameterValue("Only a task with status RUNNING can be cancelled; this task is "
                    + task.status() + ".");
        }
        return task.moved();
    }

    List<MoveTask> all() {
        synchronized (lock) {
            return bySource.values().stream().flatMap(Deque::stream).map(TaskState::snapshot)
                    .sorted((a, b) -> Long.compare(b.startedTimestamp(), a.startedTimestamp())).toList();
        }
    }

    /** Cancels the running tasks and waits briefly for their movers to put back what they hold. */
    @Override
    public void close() {
        List<TaskState> running = new ArrayList<>();
        synchronized (lock) {
            closed = true;
            byId.values().forEach(running::add);
        }
        running.forEach(TaskState::requestCancel);
        movers.shutdown();
        try {
            if (!movers.awaitTermination(5, TimeUnit.SECONDS)) {
                movers.shutdownNow();
            }
        } catch (InterruptedException e) {
            movers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** SQS's task handles are base64 JSON naming the task and its source queue; so are these. */
    private static String handle(String taskId, String sourceArn) {
        Map<String, String> doc = new LinkedHashMap<>();
        doc.put("taskId", taskId);
        doc.put("sourceArn", sourceArn);
        return Base64.getEncoder().encodeToString(Json.write(doc).getBytes(StandardCharsets.UTF_8));
    }

    private record Handle(String taskId, String sourceArn) {
        static Optional<Handle> decode(String handle) {
            try {
                JsonNode doc = Json.MAPPER.readTree(Base64.getDecoder().decode(handle));
                if (doc != null && doc.path("taskId").isTextual() && doc.path("sourceArn").isTextual()) {
                    return Optional.of(new Handle(doc.get("taskId").asText(), doc.get("sourceArn").asText()));
                }
                return Optional.empty();
            } catch (IllegalArgumentException | IOException e) {
                return Optional.empty();
            }
        }
    }
}
