package io.github.orderevents.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The --host option: loopback unless told otherwise, and a warning when told otherwise. */
class LocalCloudOptionsTest {

    @Test
    void everyPortListensOnLoopbackByDefault() {
        assertThat(LocalCloudOptions.parse(List.of()).host()).isEqualTo("127.0.0.1");
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
}
