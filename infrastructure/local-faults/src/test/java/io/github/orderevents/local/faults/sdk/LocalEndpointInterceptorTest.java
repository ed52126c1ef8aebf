package io.github.orderevents.local.faults.sdk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ClientEndpointProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.interceptor.SdkInternalExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LocalEndpointInterceptorTest {
    private static final Map<String, String> LOCAL = Map.of(
            "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000",
            "AWS_ENDPOINT_URL_DYNAMODB_STREAMS", "http://127.0.0.1:8000",
            "AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9324/",
            "AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:3001");

    private final FakeAwsServer server = FakeAwsServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aClientAimedAtAwsReachesTheLocalEndpointOfItsService() {
        // What an SDK older than 2.21 resolves for a client built with a region only: the AWS host.
        var interceptor = new LocalEndpointInterceptor(Map.of("AWS_ENDPOINT_URL_DYNAMODB", server.endpoint().toString()));
        try (DynamoDbClient client = TestClients.dynamoDb(URI.create("https://dynamodb.eu-central-1.amazonaws.com"), interceptor)) {
            TestClients.getItem(client);
        }

        assertThat(server.requests("GetItem")).isEqualTo(1);
    }

    @Test
    void eachServiceTheLocalCloudServesGoesToItsOwnVariable() {
        var interceptor = new LocalEndpointInterceptor(LOCAL);

        assertThat(redirect(interceptor, "https", "dynamodb.us-east-1.amazonaws.com", "/"))
                .isEqualTo("http://127.0.0.1:8000/");
        assertThat(redirect(interceptor, "https", "streams.dynamodb.eu-west-1.amazonaws.com", "/"))
                .isEqualTo("http://127.0.0.1:8000/");
        assertThat(redirect(interceptor, "https", "sqs.ap-southeast-2.amazonaws.com", "/000000000000/orders"))
                .isEqualTo("http://127.0.0.1:9324/000000000000/orders");
        assertThat(redirect(interceptor, "https", "lambda.us-gov-west-1.amazonaws.com", "/2015-03-31/functions/f/invocations"))
                .isEqualTo("http://127.0.0.1:3001/2015-03-31/functions/f/invocations");
        assertThat(redirect(interceptor, "https", "dynamodb.cn-north-1.amazonaws.com.cn", "/"))
                .isEqualTo("http://127.0.0.1:8000/");
    }

    @Test
    void otherServicesOtherHostsAndUnsetVariablesAreLeftAsTheyAre() {
        var interceptor = new LocalEndpointInterceptor(LOCAL);

        assertThat(redirect(interceptor, "https", "s3.us-east-1.amazonaws.com", "/bucket/key"))
                .isEqualTo("https://s3.us-east-1.amazonaws.com/bucket/key");
        assertThat(redirect(interceptor, "http", "127.0.0.1", "/"))
                .isEqualTo("http://127.0.0.1/");
        assertThat(redirect(interceptor, "https", "dynamodb.example.com", "/"))
                .isEqualTo("https://dynamodb.example.com/");
        assertThat(redirect(new LocalEndpointInterceptor(Map.of()), "https", "dynamodb.us-east-1.amazonaws.com", "/"))
                .isEqualTo("https://dynamodb.us-east-1.amazonaws.com/");
    }

    @Test
    @SuppressWarnings("deprecation")
    void theClientEndpointBecomesTheLocalOneAsAnOverrideBeforeTheRequestIsResolved() {
        // SDKs such as 2.20 resolve each request's endpoint from these attributes, after the global interceptors ran.
        var interceptor = new LocalEndpointInterceptor(LOCAL);
        // This SDK derives those attributes from the client's endpoint provider, which a client always sets.
        ExecutionAttributes aws = new ExecutionAttributes();
        aws.putAttribute(SdkInternalExecutionAttribute.CLIENT_ENDPOINT_PROVIDER,
                ClientEndpointProvider.create(URI.create("https://sqs.eu-central-1.amazonaws.com"), false));
        ExecutionAttributes elsewhere = new ExecutionAttributes();
        elsewhere.putAttribute(SdkInternalExecutionAttribute.CLIENT_ENDPOINT_PROVIDER,
                ClientEndpointProvider.create(URI.create("http://localhost:4566"), true));

        interceptor.beforeExecution(null, aws);
        interceptor.beforeExecution(null, elsewhere);

        assertThat(aws.getAttribute(SdkExecutionAttribute.CLIENT_ENDPOINT)).isEqualTo(URI.create("http://127.0.0.1:9324/"));
        assertThat(aws.getAttribute(SdkExecutionAttribute.ENDPOINT_OVERRIDDEN)).isTrue();
        assertThat(elsewhere.getAttribute(SdkExecutionAttribute.CLIENT_ENDPOINT)).isEqualTo(URI.create("http://localhost:4566"));
    }

    @Test
    void hostsMatchWhateverTheirCaseAndOnlyWithARegion() {
        assertThat(new LocalEndpointInterceptor(LOCAL).localEndpoint("DynamoDB.US-EAST-1.amazonaws.com"))
                .contains(URI.create("http://127.0.0.1:8000"));
        assertThat(new LocalEndpointInterceptor(LOCAL).localEndpoint("dynamodb.amazonaws.com")).isEqualTo(Optional.empty());
    }

    private static String redirect(LocalEndpointInterceptor interceptor, String protocol, String host, String path) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).protocol(protocol).host(host)
                .encodedPath(path).build();
        Context.ModifyHttpRequest context = new Context.ModifyHttpRequest() {
            @Override
            public SdkRequest request() {
                return null;
            }

            @Override
            public SdkHttpRequest httpRequest() {
                return request;
            }

            @Override
            public Optional<software.amazon.awssdk.core.sync.RequestBody> requestBody() {
                return Optional.empty();
            }

            @Override
            public Optional<software.amazon.awssdk.core.async.AsyncRequestBody> asyncRequestBody() {
                return Optional.empty();
            }
        };
        return interceptor.modifyHttpRequest(context, new ExecutionAttributes()).getUri().toString();
    }
}
