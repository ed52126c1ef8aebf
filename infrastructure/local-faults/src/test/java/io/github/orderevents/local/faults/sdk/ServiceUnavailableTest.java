package io.github.orderevents.local.faults.sdk;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.RequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceUnavailableTest {

    @Test
    void aGeneratedServicesRequestGetsThatServicesOwnExceptionWithTheErrorDetailsOfA503() {
        SdkServiceException e = ServiceUnavailable.exception(SendMessageRequest.builder().build(), "Sqs", "SendMessage");

        assertThat(e).isExactlyInstanceOf(SqsException.class);
        SqsException sqs = (SqsException) e;
        assertThat(sqs.statusCode()).isEqualTo(503);
        assertThat(sqs.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
        assertThat(sqs.awsErrorDetails().serviceName()).isEqualTo("Sqs");
        assertThat(sqs.awsErrorDetails().sdkHttpResponse().statusCode()).isEqualTo(503);
        assertThat(sqs.getMessage()).isEqualTo("injected fault: service unavailable (Sqs SendMessage)"
                + " (Service: Sqs, Status Code: 503, Request ID: local-cloud-injected-fault)");
    }

    @Test
    void aRequestOfNoGeneratedServiceGetsAPlainServiceExceptionWithStatus503() {
        SdkServiceException e = ServiceUnavailable.exception(new UnknownRequest(), "Unknown", "Call");

        assertThat(e).isExactlyInstanceOf(SdkServiceException.class)
                .hasMessage("injected fault: service unavailable (Unknown Call)");
        assertThat(e.statusCode()).isEqualTo(503);
    }

    private static final class UnknownRequest extends SdkRequest {
        @Override
        public Optional<? extends RequestOverrideConfiguration> overrideConfiguration() {
            return Optional.empty();
        }

        @Override
        public Builder toBuilder() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SdkField<?>> sdkFields() {
            return List.of();
        }
    }
}
