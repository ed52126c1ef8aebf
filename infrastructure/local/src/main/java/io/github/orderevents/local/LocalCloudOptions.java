package io.github.orderevents.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to run the local cloud. Defaults: template.yaml found from the working directory upwards, the stack
 * name of the samconfig.toml beside it (else "sam-app", as SAM's), every port on 127.0.0.1 (API on 3000,
 * DynamoDB Local on 8000, SQS on 9324, the Lambda API on 3001), data in memory.
 */
public record LocalCloudOptions(Path template, String stackName, String region, String host, int apiPort,
                                int dynamoPort, int sqsPort, int lambdaPort, Optional<Path> dataDir, Optional<URI> externalEndpoint,
                                Map<String, String> parameters, boolean schedules, int functionConcurrency,
                                Duration streamPollInterval, Optional<Path> functionLog, boolean statusLine,
                                Optional<Integer> visibilityTimeout, io.github.orderevents.local.faults.FaultPlan faults,
                                Path workDir, boolean countRequests) {

    /**
     * The most instances (processes) of one function: as many as the machine has cores, at least 2. More JVMs than
     * cores only compete for them (measured on 2 cores: 4 per function gave 23 orders/s end to end, 2 gave 43).
     */
    static final int DEFAULT_MAX_INSTANCES = Math.max(2, Runtime.getRuntime().availableProcessors());

    public static final String USAGE = """
            usage: local-cloud [options]
              --template FILE          the SAM template (default: template.yaml, searched upwards)
              --stack-name NAME        the stack name in resource names (default: the stack_name of the
                                       samconfig.toml beside the template, else sam-app)
              --host ADDRESS           the address every port listens on (default: 127.0.0.1, this machine
                                       only). Anything else, e.g. 0.0.0.0, exposes DynamoDB Local, SQS, the
                                       API and the Lambda API, unauthenticated, to the network: a warning
                                       says so at start
              --api-port N             API Gateway and console (default: 3000)
              --dynamodb-port N        DynamoDB Local (default: 8000)
              --sqs-port N             the SQS endpoint, with message move tasks (default: 9324)
              --lambda-port N          the Lambda Invoke API, for aws lambda invoke --endpoint-url and the
                                       functions' own Lambda clients (default: 3001)
              --data-dir DIR           keep DynamoDB data in DIR between runs (default: in memory)
              --endpoint URL           use an existing backend (LocalStack, moto) for DynamoDB and SQS
                                       instead of starting the emulators; triggers still run here
              --parameter KEY=VALUE    a template parameter (repeatable)
              --no-schedules           do not run Schedule events
              --function-log FILE|-    where function output goes (default: .local-cloud/functions.log; - = console)
              --work-dir DIR           where function code is unpacked for its processes and source CodeUris
                                       are built (default: .local-cloud)
              --faults SPEC            inject faults ("chaos", or e.g. consumer-crash=0.03,duplicate-delivery=0.03,
                                       slow-handler=0.01,relay-send-failure=0.05,sdk-errors=*:0.02,seed=7)
              --visibility-timeout N   shorten the queues' visibility timeouts to N seconds, so failed messages
                                       come back (and reach their DLQ) sooner: for tests and demos
              --no-status              no live status line
              --count-requests         count the AWS requests the functions send, by service and operation
                                       (the console's figures; what a workload costs is mostly its requests)
              --help
            """;

    /** The defaults for {@code template}; its stack name comes from the samconfig beside it ({@link SamConfig}). */
    public static LocalCloudOptions defaults(Path template) {
        return new LocalCloudOptions(template, SamConfig.stackName(template), "us-east-1", "127.0.0.1", 3000, 8000, 9324,
                3001, Optional.empty(), Optional.empty(), Map.of(), true, DEFAULT_MAX_INSTANCES, Duration.ofMillis(250),
                Optional.of(Path.of(".local-cloud", "functions.log")), true, Optional.empty(),
                io.github.orderevents.local.faults.FaultPlan.none(), Path.of(".local-cloud"), false);
    }

    /** Parses command-line arguments. @throws IllegalArgumentException with a message for the user */
    public static LocalCloudOptions parse(List<String> args) {
        LocalCloudOptions options = defaults(findTemplate(Path.of("").toAbsolutePath()));
        Map<String, String> parameters = new LinkedHashMap<>();
        boolean stackNamed = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--no-schedules" -> options = options.withSchedules(false);
                case "--no-status" -> options = options.withStatusLine(false);
                case "--count-requests" -> options = options.withCountRequests(true);
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException(arg + " needs a value\n" + USAGE);
                    }
                    String value = args.get(++i);
                    options = switch (arg) {
                        case "--template" -> options.withTemplate(Path.of(value));
                        case "--stack-name" -> {
                            stackNamed = true;
                            yield options.withStackName(value);
                        }
                        case "--host" -> options.withHost(host(value));
                        case "--api-port" -> options.withPorts(port(value), options.dynamoPort, options.sqsPort);
                        case "--dynamodb-port" -> options.withPorts(options.apiPort, port(value), options.sqsPort);
                        case "--sqs-port" -> options.withPorts(options.apiPort, options.dynamoPort, port(value));
                        case "--lambda-port" -> options.withLambdaPort(port(value));
                        case "--data-dir" -> options.withDataDir(Path.of(value));
                        case "--endpoint" -> options.withExternalEndpoint(URI.create(value));
                        case "--faults" -> options.withFaults(io.github.orderevents.local.faults.FaultPlan.parse(value));
                        case "--visibility-timeout" -> options.withVisibilityTimeout(Optional.of(seconds(value)));
                        case "--work-dir" -> options.withWorkDir(Path.of(value));
                        case "--function-log" -> options.withFunctionLog(value.equals("-") ? Optional.empty() : Optional.of(Path.of(value)));
                        case "--parameter" -> {
                            int eq = value.indexOf('=');
                            if (eq < 1) {
                                throw new IllegalArgumentException("--parameter takes KEY=VALUE, got " + value);
                            }
                            parameters.put(value.substring(0, eq), value.substring(eq + 1));
                            yield options;
                        }
                        default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
                    };
                }
            }
        }
        if (!stackNamed) {
            // The template may have come from --template: its own samconfig names the stack.
            options = options.withStackName(SamConfig.stackName(options.template()));
        }
        return options.withParameters(parameters);
    }

    static Path findTemplate(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return from.resolve("template.yaml");
    }

    private static int seconds(String value) {
        try {
            int seconds = Integer.parseInt(value);
            if (seconds < 0 || seconds > 43_200) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a visibility timeout is 0 to 43200 seconds, not " + value);
        }
    }

    private static String host(String value) {
        Hosts.resolve(value);
        return value;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port number: " + value);
        }
    }

    public LocalCloudOptions withTemplate(Path value) {
        return new LocalCloudOptions(value, stackName, region, host, apiPort, dynamoPort, sqsPort, lambdaPort, dataDir, externalEndpoint, parameters, schedules, functionConcurrency, streamPollInterval, functionLog, statusLine, visibilityTimeout, faults, workDir, countRequests);
    }

    public LocalCloudOptions withStackName(String value) {
        return new LocalCloudOptions(template, value, region, host, apiPort, dynamoPort, sqsPort, lambdaPort, dataDir, externalEndpoint, parameters, schedules, functionConcurrency, streamPollInterval, functionLog, statusLine, visibilityTimeout, faults, workDir, countRequests);
    }

    public LocalCloudOptions withHost(String value) {
        return new LocalCloudOptions(template, stackName, region, value, apiPort, dynamoPort, sqsPort, lambdaPort, dataDir, externalEndpoint, parameters, schedules, functionConcurrency, streamPollInterval, functionLog, statusLine, visibilityTimeout, faults, workDir, countRequests);
    }

    public LocalCloudOptions withPorts(int api, int dynamo, int sqs) {
        return new LocalCloudOptions(template, stackName, region, host, api, dynamo, sqs, lambdaPort, dataDir, externalEndpoint, parameters, schedules, functionConcurrency, streamPollInterval, functionLog, statusLine, visibilityTimeout, faults, workDir, countRequests);
    }

    /** The Lambda Invoke API's port (0: any free one). */
    public LocalCloudOptions withLambdaPort(int value) {
        return new LocalCloudOptions(template, stackName, region, host, apiPort, dynamoPort, sqsPort, value, dataDir, externalEndpoint, parameters, schedules, functionConcurrency, streamPollInterval, functionLog, statusLine, visibilityTimeout, faults, workDir, countRequests);
    }

    public LocalCloudOptions withDataDir(Path value) {
        return new LocalCloudOptions(template, stackName, region, host, apiPort, dynamoPort, sqsPort, lambdaPort, Optional.of(value), externalEndpoint, parameters, schedules, functionConcurrency, streamPollInterval, functionLog, statusLine, visibilityTimeout, faults, workDir, countRequests);
    }

    public LocalCloudOptions withExternalEndpoint(URI value) {
        return new LocalCloudOptions(template, stackName, region, host, apiPort, dynamoPort, sqsPort, lambdaPort, dataDir, Optional.of(value), parameters, schedules, functionConcurrency, streamPollInterval, functionLog, statusLine, visibilityTimeout, faults, workDir, countRequests);
    }

    public LocalCloudOptions withParameters(Map<String, String> value) {
        return new LocalCloudOptions(template, stackName, region, host, apiPort, dynamoPort, sqsPort, lambdaPort, dataDir, externalEndpoint, Map.copyOf(value), schedules, functionConcurrency, streamPollInterval, functionLog, statusLine, visibilityTimeout, faults, workDir, countRequests);
    }

    public LocalCloudOptions withSchedules(boolean value) {
        return new LocalCloudOptions(template, stackName, region, host, apiPort, dynamoPort, sqsPort, lambdaPort, dataDir, externalEndpoint, parameters, value, functionConcurrency, streamPollInterval, functionLog, statusLine, visibilityTimeout, faults, workDir, countRequests);
    }

    public LocalCloudOptions withFunctionLog(Optional<Path> value) {
        return new LocalCloudOptions(template, stackName, region, host, apiPort, dynamoPort, sqsPort, lambdaPort, dataDir, externalEndpoint, parameters, schedules, functionConcurrency, streamPollInterval, value, statusLine, visibilityTimeout, faults, workDir, countRequests);
    }

    public LocalCloudOptions withStatusLine(boolean value) {
        return new LocalCloudOptions(template, stackName, region, host, apiPort, dynamoPort, sqsPort, lambdaPort, dataDir, externalEndpoint, parameters, schedules, functionConcurrency, streamPollInterval, functionLog, value, visibilityTimeout, faults, workDir, countRequests);
    }

    public LocalCloudOptions withVisibilityTimeout(Optional<Integer> value) {
        return new LocalCloudOptions(template, stackName, region, host, apiPort, dynamoPort, sqsPort, lambdaPort, dataDir, externalEndpoint, parameters, schedules, functionConcurrency, streamPollInterval, functionLog, statusLine, value, faults, workDir, countRequests);
    }

    public LocalCloudOptions withFaults(io.github.orderevents.local.faults.FaultPlan value) {
        return new LocalCloudOptions(template, stackName, region, host, apiPort, dynamoPort, sqsPort, lambdaPort, dataDir, externalEndpoint,
                parameters, schedules, functionConcurrency, streamPollInterval, functionLog, statusLine, visibilityTimeout, value,
                workDir, countRequests);
    }

    /** Where function code is unpacked and the runtime's files kept (default: .local-cloud). */
    public LocalCloudOptions withWorkDir(Path value) {
        return new LocalCloudOptions(template, stackName, region, host, apiPort, dynamoPort, sqsPort, lambdaPort, dataDir, externalEndpoint,
                parameters, schedules, functionConcurrency, streamPollInterval, functionLog, statusLine, visibilityTimeout, faults,
                value, countRequests);
    }

    /** Whether the functions' AWS requests are counted ({@link LocalCloud#requestStats()}). */
    public LocalCloudOptions withCountRequests(boolean value) {
        return new LocalCloudOptions(template, stackName, region, host, apiPort, dynamoPort, sqsPort, lambdaPort, dataDir, externalEndpoint,
                parameters, schedules, functionConcurrency, streamPollInterval, functionLog, statusLine, visibilityTimeout, faults,
                workDir, value);
    }
}
