package io.jfrp.server.proxy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PortPolicy}'s refusals: frps 0.70's texts for the client ({@code server/ports}:
 * ErrPortNotAllowed, ErrPortAlreadyUsed; {@code server/control.go}: the max_ports_per_client check,
 * made before the port's own) and jfrps's detail for its log.
 */
class PortPolicyTest {
    private final PortPolicy policy = new PortPolicy(port -> port >= 6000 && port < 7000, 2);

    @Test
    void aPortOutsideAllowPortsIsNotAllowed() {
        ProxyRefusal refused = policy.reserve("r1", 7001);

        assertThat(refused).hasMessage("port not allowed");
        assertThat(refused.detail()).isEqualTo("port 7001 is not allowed (allowPorts)");
        assertThat(policy.reserve("r1", 0)).hasMessage("port not allowed");
        assertThat(policy.reserve("r1", 65536)).hasMessage("port not allowed");
    }

    @Test
    void aPortAnotherProxyHoldsIsAlreadyUsed() {
        assertThat(policy.reserve("r1", 6000)).isNull();

        ProxyRefusal refused = policy.reserve("r2", 6000);

        assertThat(refused).hasMessage("port already used");
        assertThat(refused.detail()).isEqualTo("port 6000 is already used by another proxy");
        policy.release("r1", 6000);
        assertThat(policy.reserve("r2", 6000)).isNull();
    }

    @Test
    void aClientAtMaxPortsPerClientIsToldSoBeforeAnythingAboutThePort() {
        assertThat(policy.reserve("r1", 6000)).isNull();
        assertThat(policy.reserve("r1", 6001)).isNull();

        // frps counts the client's ports before it asks its port manager, so even a port that is
        // not allowed gets this answer
        assertThat(policy.reserve("r1", 6002)).hasMessage("exceed the max_ports_per_client")
                .extracting(ProxyRefusal::detail).isEqualTo("exceed the max_ports_per_client (2)");
        assertThat(policy.reserve("r1", 9999)).hasMessage("exceed the max_ports_per_client");
        assertThat(policy.reserve("r2", 6002)).as("another client").isNull();
    }

    @Test
    void udpWrapsTheTextAsFrpsUdpProxyDoes() {
        assertThat(policy.reserve("r1", 7001).forUdpPort(7001))
                .hasMessage("acquire port 7001 error: port not allowed");
    }
}
