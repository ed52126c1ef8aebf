package io.github.orderevents.local;

import io.github.orderevents.local.api.LocalApi;
import io.github.orderevents.local.api.Route;
import io.github.orderevents.local.console.Console;
import io.github.orderevents.local.console.ConsoleSource;
import io.github.orderevents.local.console.FunctionSummary;
import io.github.orderevents.local.console.QueueDepth;
import io.github.orderevents.local.faults.FaultPlan;
import io.github.orderevents.local.faults.FaultStats;
import io.github.orderevents.local.faults.FaultyTrigger;
import io.github.orderevents.local.faults.RequestStats;
import io.github.orderevents.local.functions.LambdaFunction;
import io.github.orderevents.local.lambda.ArtifactResolver;
import io.github.orderevents.local.lambda.LambdaApi;
import io.github.orderevents.local.lambda.Outcome;
import io.github.orderevents.local.lambda.ProcessFunction;
import io.github.orderevents.local.metrics.LocalMetrics;
import io.github.orderevents.local.provision.LocalResources;
import io.github.orderevents.local.provision.Provisioner;
import io.github.orderevents.local.sqs.SqsEndpoint;
import io.github.orderevents.local.template.LocalResource;
import io.github.orderevents.local.template.SamTemplate;
import io.github.orderevents.local.triggers.DynamoStreamEventSource;
import io.github.orderevents.local.triggers.ScheduleEventSource;
import io.github.orderevents.local.triggers.SqsEventSource;
import io.github.orderevents.local.triggers.SqsPoller;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static io.github.orderevents.local.template.SamTemplate.list;
import static io.github.orderevents.local.template.SamTemplate.map;

/**
 * The whole template on one machine: DynamoDB Local and ElasticMQ in this JVM (or an existing backend),
 * the template's tables and queues provisioned from template.yaml, every function loaded from its
 * artifact, and its triggers run with Lambda's semantics: API Gateway routes, SQS and DynamoDB stream
 * event source mappings, schedules. Start it with {@link #start}; {@link #close} stops it all.
 */
public final class LocalCloud implements AutoCloseable, ConsoleSource {
    /** The API SAM makes for Api events that name no RestApiId, and its stage. */
    static final String IMPLICIT_API = "ServerlessRestApi";
    static final String IMPLICIT_STAGE = "Prod";
    /** How often the queues' depths are sampled for the metrics (CloudWatch's SQS metrics come every minute). */
    static final Duration QUEUE_SAMPLE_INTERVAL = Duration.ofSeconds(2);
    private final LocalCloudOptions options;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<SqsPoller> pollers = new ArrayList<>();
    private final List<DynamoStreamEventSource> streams = new ArrayList<>();
    private final List<ScheduleEventSource> schedules = new ArrayList<>();
    private final Map<String, ProcessFunction> functions = new LinkedHashMap<>();
    private final FaultStats faultStats = new FaultStats();
    private final RequestStats requestStats = new RequestStats();
    private final LocalMetrics metrics = new LocalMetrics(Clock.systemUTC());
    private PrintStream functionLog;
    private LocalResources resources;
    private DynamoDbClient dynamo;
    private SqsClient sqs;
    private URI dynamoEndpoint;
    private URI sqsEndpoint;
    private SqsEndpoint sqsFront;
    private LocalApi api;
    private LambdaApi lambdaApi;
    private ScheduledExecutorService scheduler;
    private long startMillis;

    private LocalCloud(LocalCloudOptions options) {
        this.options = options;
    }

    /** Starts everything; on failure stops what was started and throws. */
    public static LocalCloud start(LocalCloudOptions options) {
        LocalCloud cloud = new LocalCloud(options);
        try {
            cloud.boot();
            return cloud;
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        }
    }

    private void boot() {
        long started = System.nanoTime();
        String host = options.host();
        // First, and before function output is redirected: this is for whoever starts the local cloud.
        Hosts.exposureWarning(host, options.externalEndpoint().isEmpty()).ifPresent(System.err::println);
        SamTemplate template;
        try {
            template = SamTemplate.read(options.template());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the template " + options.template() + ": " + e.getMessage(), e);
        }
        openFunctionLog();
        Emulators.requireFree(host, options.lambdaPort(), "the Lambda API", "--lambda-port");
        if (options.externalEndpoint().isPresent()) {
            dynamoEndpoint = options.externalEndpoint().get();
            sqsEndpoint = options.externalEndpoint().get();
        } else {
            Emulators.requireFree(host, options.sqsPort(), "the SQS endpoint", "--sqs-port");
            Emulators.requireFree(host, options.apiPort(), "the API", "--api-port");
            Emulators emulators = Emulators.start(host, options.dynamoPort(), options.sqsPort(), options.dataDir());
            closeables.add(emulators);
            sqsFront = SqsEndpoint.start(host, options.sqsPort(), emulators.elasticMqEndpoint());
            closeables.add(sqsFront);
            dynamoEndpoint = emulators.dynamoEndpoint();
            sqsEndpoint = sqsFront.endpoint();
        }
        // Before the functions: their environment names its endpoint (AWS_ENDPOINT_URL_LAMBDA).
        lambdaApi = LambdaApi.start(host, options.lambdaPort(), options.region());
        closeables.add(lambdaApi);
        Map<String, String> awsEnvironment = awsEnvironment();
        LocalClients clients = new LocalClients(options.region());
        dynamo = clients.build(DynamoDbClient.builder(), dynamoEndpoint);
        sqs = clients.build(SqsClient.builder(), sqsEndpoint);
        DynamoDbStreamsClient streamsClient = clients.build(DynamoDbStreamsClient.builder(), dynamoEndpoint);
        resources = new Provisioner(template, options.stackName(), options.region(), options.parameters(), dynamo, sqs)
                .withVisibilityTimeout(options.visibilityTimeout()).provision();

        FaultPlan faults = options.faults();
        Path workDir = options.workDir().toAbsolutePath();
        // Every function gets the SDK interceptors: the endpoint one sends an SDK too old for AWS_ENDPOINT_URL_* here
        // rather than to AWS; the fault and counting ones do nothing unless their variables are set.
        List<Path> extraJars = List.of(LocalFaultsJar.extract(workDir));
        Map<String, String> functionEnvironment = new LinkedHashMap<>(awsEnvironment);
        functionEnvironment.putAll(faults.sdkFaultEnvironment());
        if (options.countRequests()) {
            functionEnvironment.put("LOCAL_CLOUD_COUNT_REQUESTS", "1");
        }
        ArtifactResolver artifacts = new ArtifactResolver(template.baseDirectory(), workDir, System.getenv(),
                line -> console().println("local cloud: " + line));
        List<Deployment.FunctionSpec> specs = Deployment.functions(template, resources, functionEnvironment,
                options.region(), options.functionConcurrency(), extraJars, this::functionLogOf, artifacts);
        for (Deployment.FunctionSpec spec : specs) {
            ProcessFunction function = ProcessFunction.create(spec.config(), workDir);
            function.addListener(report -> metrics.recordInvocation(report.function(), report.durationMs(),
                    report.outcome() != Outcome.SUCCESS));
            functions.put(spec.logicalId(), function);
            closeables.add(function);
            lambdaApi.add(function);
        }
        Map<String, String> stages = stagesOfApis(template);

        scheduler = Executors.newScheduledThreadPool(2, Thread.ofPlatform().daemon().name("local-cloud-", 0).factory());
        // A thread of its own: a stream poll or a schedule busy invoking a function must not hold the samples back.
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("local-cloud-metrics").factory());
        closeables.add(sampler::shutdownNow);
        sampler.scheduleWithFixedDelay(this::sampleQueues, 0, QUEUE_SAMPLE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        List<Route> routes = new ArrayList<>();
        for (Deployment.FunctionSpec spec : specs) {
            ProcessFunction function = functions.get(spec.logicalId());
            spec.events().forEach((eventId, raw) -> {
                Map<String, Object> event = map(raw);
                Map<String, Object> properties = map(resources.intrinsics().resolve(event.get("Properties")));
                String type = String.valueOf(event.get("Type"));
                switch (type) {
                    case "Api" -> {
                        // No RestApiId: SAM's implicit API, ServerlessRestApi, whose stage is Prod.
                        String apiId = properties.containsKey("RestApiId") ? String.valueOf(properties.get("RestApiId"))
                                : Provisioner.apiId(IMPLICIT_API);
                        routes.add(new Route(String.valueOf(properties.get("Method")).toUpperCase(Locale.ROOT),
                                String.valueOf(properties.get("Path")), function, apiId,
                                stages.getOrDefault(apiId, IMPLICIT_STAGE)));
                    }
                    case "SQS" -> startSqs(spec, eventId, properties, function);
                    case "DynamoDB" -> startStream(spec, properties, function, streamsClient);
                    case "Schedule" -> startSchedule(spec, eventId, properties, function);
                    default -> System.err.println(spec.logicalId() + "." + eventId + ": " + type + " events are not emulated");
                }
            });
        }
        Console console = new Console(this);
        api = LocalApi.start(host, options.apiPort(), "local", routes, Map.of("/_local", console));
        closeables.add(api);
        startMillis = (System.nanoTime() - started) / 1_000_000;
    }

    /** Every queue's depth into the metrics; a failed sample (the backend going down) is only a gap in the charts. */
    private void sampleQueues() {
        try {
            queueDepths().forEach(q -> metrics.recordQueueDepth(
                    new LocalMetrics.QueueSample(q.name(), q.visible(), q.inFlight(), q.deadLetterQueue())));
        } catch (RuntimeException e) {
            // the next sample decides
            console().println("local cloud: could not sample the queues' depths: " + e);
        }
    }

    /** Each REST API's id (its Ref) -> its StageName. */
    private Map<String, String> stagesOfApis(SamTemplate template) {
        Map<String, String> stages = new LinkedHashMap<>();
        template.resources("AWS::Serverless::Api").forEach((logicalId, api) -> resources.find(logicalId).ifPresent(local -> {
            Object stage = resources.intrinsics().resolve(api.properties().get("StageName"));
            stages.put(local.ref(), stage == null ? IMPLICIT_STAGE : String.valueOf(stage));
        }));
        return stages;
    }

    private void startSqs(Deployment.FunctionSpec spec, String eventId, Map<String, Object> properties, ProcessFunction function) {
        String queueUrl = queueUrlOfArn(String.valueOf(properties.get("Queue")));
        int batchSize = Integer.parseInt(String.valueOf(properties.getOrDefault("BatchSize", 10)));
        boolean reportFailures = list(properties.get("FunctionResponseTypes")).contains("ReportBatchItemFailures");
        boolean enabled = Boolean.parseBoolean(String.valueOf(properties.getOrDefault("Enabled", true)));
        if (!enabled) {
            return;
        }
        int concurrency = Integer.parseInt(String.valueOf(
                map(properties.get("ScalingConfig")).getOrDefault("MaximumConcurrency", 2)));
        LambdaFunction invoked = function;
        FaultPlan faults = options.faults();
        if (faults.consumerCrash() > 0 || faults.duplicateDelivery() > 0 || faults.slowHandler() > 0) {
            int visibility = Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT));
            invoked = new FaultyTrigger(function, faults, faultStats, Duration.ofSeconds(visibility + 1L));
        }
        SqsPoller poller = new SqsPoller(new SqsEventSource(sqs, queueUrl, options.region(), batchSize, reportFailures, invoked),
                Math.min(concurrency, options.functionConcurrency()));
        poller.start(spec.logicalId() + "." + eventId);
        pollers.add(poller);
        closeables.add(poller);
    }

    private void startStream(Deployment.FunctionSpec spec, Map<String, Object> properties, ProcessFunction function,
                             DynamoDbStreamsClient streamsClient) {
        Optional<String> destinationArn = Optional.ofNullable(map(map(properties.get("DestinationConfig")).get("OnFailure"))
                .get("Destination")).map(String::valueOf);
        DynamoStreamEventSource.Settings settings = new DynamoStreamEventSource.Settings(
                String.valueOf(properties.get("Stream")),
                String.valueOf(properties.getOrDefault("StartingPosition", "TRIM_HORIZON")),
                Integer.parseInt(String.valueOf(properties.getOrDefault("BatchSize", 100))),
                Boolean.parseBoolean(String.valueOf(properties.getOrDefault("BisectBatchOnFunctionError", false))),
                Integer.parseInt(String.valueOf(properties.getOrDefault("MaximumRetryAttempts", -1))),
                Integer.parseInt(String.valueOf(properties.getOrDefault("MaximumRecordAgeInSeconds", -1))),
                list(properties.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"),
                list(map(properties.get("FilterCriteria")).get("Filters")).stream()
                        .map(f -> String.valueOf(map(f).get("Pattern"))).toList(),
                destinationArn.map(this::queueUrlOfArn), destinationArn,
                spec.name(), resources.get(spec.logicalId()).attributes().get("Arn"), options.region());
        DynamoStreamEventSource source = new DynamoStreamEventSource(streamsClient, sqs, settings, function, Clock.systemUTC());
        source.start(scheduler, options.streamPollInterval());
        streams.add(source);
        closeables.add(source);
    }

    private void startSchedule(Deployment.FunctionSpec spec, String eventId, Map<String, Object> properties, ProcessFunction function) {
        if (!options.schedules() || !Boolean.parseBoolean(String.valueOf(properties.getOrDefault("Enabled", true)))) {
            return;
        }
        String rule = "arn:aws:events:" + options.region() + ":" + Provisioner.ACCOUNT + ":rule/" + spec.name() + "-" + eventId;
        ScheduleEventSource source = new ScheduleEventSource(rule, String.valueOf(properties.get("Schedule")), function,
                options.region(), Clock.systemUTC());
        source.start(scheduler);
        schedules.add(source);
        closeables.add(source);
    }

    private String queueUrlOfArn(String arn) {
        return resources.all().stream().filter(r -> arn.equals(r.attributes().get("Arn")))
                .map(r -> r.attributes().get("QueueUrl")).filter(java.util.Objects::nonNull).findFirst()
                .orElseThrow(() -> new IllegalStateException("no local queue has the ARN " + arn));
    }

    private Map<String, String> awsEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", options.region());
        env.put("AWS_DEFAULT_REGION", options.region());
        env.put("AWS_ACCESS_KEY_ID", LocalClients.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalClients.SECRET_KEY);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint.toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB_STREAMS", dynamoEndpoint.toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint.toString());
        env.put("AWS_ENDPOINT_URL_LAMBDA", lambdaApi.endpoint().toString());
        return env;
    }

    private void openFunctionLog() {
        if (options.functionLog().isEmpty()) {
            return;
        }
        Path file = options.functionLog().get();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            functionLog = new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
            closeables.add(functionLog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the function log " + file, e);
        }
    }

    /**
     * Where the lines of function {@code name} go: the function log (or the console), each line prefixed
     * with the function's name, and the metrics, which keep what EMF lines say, as CloudWatch Logs extracts them.
     * The fault jar's reports (faults, requests) are counted, not logged.
     */
    private Consumer<String> functionLogOf(String name) {
        PrintStream out = functionLog != null ? functionLog : System.out;
        return line -> {
            if (!faultStats.countReport(line) && !requestStats.countReport(line)) {
                metrics.readLogLine(line);
                out.println(name + " | " + line);
            }
        };
    }

    /** Where the local cloud itself prints. */
    public PrintStream console() {
        return System.out;
    }

    public URI apiEndpoint() {
        return api.endpoint();
    }

    /** Lambda's Invoke API for the template's functions ({@code aws lambda invoke --endpoint-url}). */
    public URI lambdaEndpoint() {
        return lambdaApi.endpoint();
    }

    public URI dynamoEndpoint() {
        return dynamoEndpoint;
    }

    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    public LocalResources resources() {
        return resources;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    /** The local SQS endpoint with move tasks; empty with an external backend. */
    public Optional<SqsEndpoint> sqsFront() {
        return Optional.ofNullable(sqsFront);
    }

    /** Every function of the template by logical id, each a pool of processes. */
    public Map<String, ProcessFunction> processFunctions() {
        return Map.copyOf(functions);
    }

    /** The functions as the console shows them: live instances, cold starts, the last init, invocations, errors. */
    @Override
    public List<FunctionSummary> functions() {
        List<FunctionSummary> summaries = new ArrayList<>();
        functions.forEach((id, function) -> {
            var stats = function.stats();
            summaries.add(new FunctionSummary(id, function.name(), stats.instances(), stats.coldStarts(),
                    stats.lastInitDurationMs(), stats.invocations(), stats.errors()));
        });
        return summaries;
    }

    public List<ScheduleEventSource> schedules() {
        return List.copyOf(schedules);
    }

    /** The metrics over the last minutes: EMF lines of the functions, invocations, queue depths. */
    @Override
    public LocalMetrics metrics() {
        return metrics;
    }

    /** How often each injected fault fired (all zero without --faults). */
    public FaultStats faultStats() {
        return faultStats;
    }

    /** The AWS requests the functions sent, by service and operation (empty without --count-requests). */
    public RequestStats requestStats() {
        return requestStats;
    }

    public long startMillis() {
        return startMillis;
    }

    public LocalCloudOptions options() {
        return options;
    }

    /** Every queue with its depth; DLQs are the queues another queue's RedrivePolicy targets. */
    public List<QueueDepth> queueDepths() {
        List<String> deadLetterArns = new ArrayList<>();
        List<QueueDepth> depths = new ArrayList<>();
        List<LocalResource> queues = resources.all().stream().filter(r -> r.type().equals("AWS::SQS::Queue")).toList();
        Map<LocalResource, Map<QueueAttributeName, String>> attributes = new LinkedHashMap<>();
        for (LocalResource queue : queues) {
            Map<QueueAttributeName, String> values = sqs.getQueueAttributes(r -> r.queueUrl(queue.attributes().get("QueueUrl"))
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.REDRIVE_POLICY)).attributes();
            attributes.put(queue, values);
            String target = deadLetterTarget(values.get(QueueAttributeName.REDRIVE_POLICY));
            if (target != null) {
                deadLetterArns.add(target);
            }
        }
        attributes.forEach((queue, values) -> depths.add(new QueueDepth(queue.logicalId(), queue.attributes().get("QueueName"),
                queue.attributes().get("QueueUrl"), queue.attributes().get("Arn"),
                Integer.parseInt(values.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
                Integer.parseInt(values.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")),
                deadLetterArns.contains(queue.attributes().get("Arn")),
                deadLetterTarget(values.get(QueueAttributeName.REDRIVE_POLICY)))));
        return depths;
    }

    /** The deadLetterTargetArn of a RedrivePolicy; null without one (or if it is not JSON). */
    private static String deadLetterTarget(String policy) {
        if (policy == null) {
            return null;
        }
        try {
            String target = Json.MAPPER.readTree(policy).path("deadLetterTargetArn").asText();
            return target.isEmpty() ? null : target;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                console().println("while stopping: " + e);
            }
        }
        closeables.clear();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
