package io.github.orderevents.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The options: --host (loopback unless told otherwise, and a warning when told otherwise), --lambda-port, and the
 * stack name SAM would use for the template.
 */
class LocalCloudOptionsTest {
    @TempDir
    Path dir;

    @Test
    void everyPortListensOnLoopbackByDefault() {
        assertThat(LocalCloudOptions.parse(List.of()).host()).isEqualTo("127.0.0.1");
    }

    @Test
    void requestsAreCountedOnlyWhenAskedFor() {
        assertThat(LocalCloudOptions.parse(List.of()).countRequests()).isFalse();
        assertThat(LocalCloudOptions.parse(List.of("--count-requests")).countRequests()).isTrue();
    }

    @Test
    void hostOptionSetsWhereThePortsListen() {
        assertThat(LocalCloudOptions.parse(List.of("--host", "0.0.0.0")).host()).isEqualTo("0.0.0.0");
    }

    @Test
    void hostThatIsNoAddressIsRefused() {
        assertThatThrownBy(() -> LocalCloudOptions.parse(List.of("--host", "no-such-host.invalid")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--host");
    }

    @Test
    void helpDocumentsTheHostAndItsRisk() {
        assertThatThrownBy(() -> LocalCloudOptions.parse(List.of("--help")))
                .hasMessageContaining("--host ADDRESS").hasMessageContaining("default: 127.0.0.1")
                .hasMessageContaining("unauthenticated, to the network");
    }

    @Test
    void loopbackHostsNeedNoWarning() {
        assertThat(Hosts.exposureWarning("127.0.0.1", true)).isEmpty();
        assertThat(Hosts.exposureWarning("::1", true)).isEmpty();
        assertThat(Hosts.exposureWarning("localhost", true)).isEmpty();
    }

    @Test
    void anyOtherHostIsWarnedAbout() {
        assertThat(Hosts.exposureWarning("0.0.0.0", true)).hasValueSatisfying(warning -> assertThat(warning)
                .startsWith("warning: --host 0.0.0.0 exposes DynamoDB Local, SQS and the API")
                .contains("the Lambda API")
                .contains("unauthenticated, to the network"));
        assertThat(Hosts.exposureWarning("::", false)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("exposes the API").doesNotContain("DynamoDB"));
    }

    @Test
    void clientsReachAWildcardHostThroughLoopback() {
        assertThat(Hosts.forUri("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(Hosts.forUri("::1")).isEqualTo("[::1]");
        assertThat(Hosts.forUri("127.0.0.2")).isEqualTo("127.0.0.2");
    }

    @Test
    void lambdaApiListensOn3001LikeSamLocalStartLambdaUnlessTold() {
        assertThat(LocalCloudOptions.parse(List.of()).lambdaPort()).isEqualTo(3001);
        assertThat(LocalCloudOptions.parse(List.of("--lambda-port", "4001")).lambdaPort()).isEqualTo(4001);
        assertThatThrownBy(() -> LocalCloudOptions.parse(List.of("--lambda-port", "70000")))
                .hasMessageContaining("not a port number");
        assertThatThrownBy(() -> LocalCloudOptions.parse(List.of("--help"))).hasMessageContaining("--lambda-port N");
    }

    @Test
    void stackNameIsTheDeployStackNameOfTheSamconfigTomlBesideTheTemplate() throws IOException {
        Path template = template("""
                version = 0.1
                [default.global.parameters]
                stack_name = "from-global"

                [default.deploy.parameters]
                stack_name = "ledger-dev"   # what sam deploy uses
                capabilities = "CAPABILITY_IAM"

                [prod.deploy.parameters]
                stack_name = "ledger-prod"
                """);

        assertThat(LocalCloudOptions.defaults(template).stackName()).isEqualTo("ledger-dev");
    }

    @Test
    void stackNameIsTheGlobalStackNameWhenDeployNamesNone() throws IOException {
        Path template = template("""
                version = 0.1
                [default.global.parameters]
                stack_name = 'greetings'
                region = "eu-west-1"

                [default.deploy.parameters]
                resolve_s3 = true
                """);

        assertThat(LocalCloudOptions.defaults(template).stackName()).isEqualTo("greetings");
    }

    @Test
    void stackNameIsSamAppWithoutASamconfig() throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), "Resources: {}\n");

        assertThat(LocalCloudOptions.defaults(template).stackName()).isEqualTo("sam-app");
        assertThat(LocalCloudOptions.parse(List.of("--template", template.toString())).stackName()).isEqualTo("sam-app");
    }

    @Test
    void stackNameComesFromASamconfigYamlToo() throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), "Resources: {}\n");
        Files.writeString(dir.resolve("samconfig.yaml"), """
                version: 0.1
                default:
                  global:
                    parameters:
                      stack_name: yaml-stack
                """);

        assertThat(LocalCloudOptions.defaults(template).stackName()).isEqualTo("yaml-stack");
    }

    @Test
    void theTemplateOptionBringsItsOwnStackNameAndTheStackNameOptionWins() throws IOException {
        Path template = template("""
                [default.deploy.parameters]
                stack_name = "ledger-dev"
                """);

        assertThat(LocalCloudOptions.parse(List.of("--template", template.toString())).stackName()).isEqualTo("ledger-dev");
        assertThat(LocalCloudOptions.parse(List.of("--stack-name", "mine", "--template", template.toString())).stackName())
                .isEqualTo("mine");
    }

    private Path template(String samconfig) throws IOException {
        Files.writeString(dir.resolve("samconfig.toml"), samconfig);
        return Files.writeString(dir.resolve("template.yaml"), "Resources: {}\n");
    }
}
