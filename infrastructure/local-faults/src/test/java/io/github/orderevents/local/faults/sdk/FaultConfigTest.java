package io.github.orderevents.local.faults.sdk;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FaultConfigTest {

    @Test
    void theMostSpecificEntryAppliesAndServicesAndOperationsMatchCaseInsensitively() {
        FaultConfig config = FaultConfig.from(Map.of("LOCAL_CLOUD_SDK_FAULTS",
                " dynamodb:TransactWriteItems=0.1 , DYNAMODB:*=0.05, Sqs:sendmessagebatch=.5,*=0.02"));

        assertThat(config.sdkErrorRate("DynamoDb", "TransactWriteItems")).isEqualTo(0.1);
        assertThat(config.sdkErrorRate("DynamoDb", "GetItem")).isEqualTo(0.05);
        assertThat(config.sdkErrorRate("Sqs", "SendMessageBatch")).isEqualTo(0.5);
        assertThat(config.sdkErrorRate("Sqs", "ReceiveMessage")).isEqualTo(0.02);
        assertThat(config.any()).isTrue();
    }

    @Test
    void absentOrBlankVariablesMeanNoFaultsAndTheDefaultSeed() {
        FaultConfig config = FaultConfig.from(Map.of("LOCAL_CLOUD_SDK_FAULTS", " ", "LOCAL_CLOUD_SEND_FAILURE_AFTER_SEND", ""));

        assertThat(config.any()).isFalse();
        assertThat(config.sdkErrorRate("DynamoDb", "PutItem")).isZero();
        assertThat(config.sendFailureAfterSend()).isZero();
        assertThat(config.seed()).isEqualTo(FaultConfig.DEFAULT_SEED);
    }

    @Test
    void readsTheSendFailureRateAndTheSeed() {
        FaultConfig config = FaultConfig.from(Map.of("LOCAL_CLOUD_SEND_FAILURE_AFTER_SEND", "0.05", "LOCAL_CLOUD_FAULT_SEED", "-7"));

        assertThat(config.sendFailureAfterSend()).isEqualTo(0.05);
        assertThat(config.seed()).isEqualTo(-7);
        assertThat(config.any()).isTrue();
    }

    @ParameterizedTest(name = "{0}=\"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "LOCAL_CLOUD_SDK_FAULTS              | dynamodb=0.1",
            "LOCAL_CLOUD_SDK_FAULTS              | dynamodb:PutItem",
            "LOCAL_CLOUD_SDK_FAULTS              | dynamodb:PutItem=1.5",
            "LOCAL_CLOUD_SDK_FAULTS              | dynamodb:PutItem=-0.1",
            "LOCAL_CLOUD_SDK_FAULTS              | dynamodb:PutItem=often",
            "LOCAL_CLOUD_SDK_FAULTS              | dynamodb:PutItem=NaN",
            "LOCAL_CLOUD_SDK_FAULTS              | *:PutItem=0.1",
            "LOCAL_CLOUD_SDK_FAULTS              | '*=0.1,'",
            "LOCAL_CLOUD_SDK_FAULTS              | '*=0.1;sqs:*=0.2'",
            "LOCAL_CLOUD_SDK_FAULTS              | 'sqs:*=0.1,SQS:*=0.2'",
            "LOCAL_CLOUD_SEND_FAILURE_AFTER_SEND | yes",
            "LOCAL_CLOUD_SEND_FAILURE_AFTER_SEND | 2",
            "LOCAL_CLOUD_FAULT_SEED              | seven",
    })
    void malformedConfigurationFailsTheConstructorNamingTheVariable(String variable, String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> new FaultInjectingInterceptor(Map.of(variable, value)))
                .withMessageStartingWith(variable + "=\"" + value + "\" is malformed");
    }
}
