package io.jfrp.nathole.punch;

import io.jfrp.nathole.NatHoleException;
import io.jfrp.nathole.analysis.PunchRole;
import io.jfrp.protocol.msg.NatHoleDetectBehavior;
import io.jfrp.protocol.msg.NatHoleResp;
import io.jfrp.protocol.msg.PortsRange;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a NatHoleResp becomes the engine's work, and what is refused. */
class PunchInstructionsTest {
    static NatHoleDetectBehavior behavior(String role, int ttl, int delay, int timeout, List<PortsRange> ranges,
                                          int sendRandom, int listenRandom) {
        return new NatHoleDetectBehavior(role, 2, ttl, delay, timeout, ranges, sendRandom, listenRandom);
    }

    static NatHoleResp resp(List<String> candidates, List<String> assisted, NatHoleDetectBehavior b) {
        return new NatHoleResp("t", "S", "quic", candidates, assisted, b, "");
    }

    @Test
    void aSenderProbesAssistedThenCandidates() throws Exception {
        PunchInstructions p = PunchInstructions.from(resp(List.of("192.0.2.2:5000", "192.0.2.2:5000", "192.0.2.3:6000"),
                List.of("10.0.0.2:5000", "junk", "[2001:db8::1]:1", "224.0.0.1:1", "255.255.255.255:1", "0.0.0.0:1",
                        "10.0.0.3:0"),
                behavior("sender", 0, 3000, 0, List.of(), 1000, 0)), PunchLimits.defaults());
        assertThat(p.role()).isEqualTo(PunchRole.SENDER);
        assertThat(p.detectAddrs()).containsExactly(new InetSocketAddress("10.0.0.2", 5000),
                new InetSocketAddress("192.0.2.2", 5000), new InetSocketAddress("192.0.2.3", 6000));
        assertThat(p.candidateIps()).containsExactly(InetAddress.getByName("192.0.2.2"), InetAddress.getByName("192.0.2.3"));
        assertThat(p.readTimeoutMs()).isEqualTo(5000);
        assertThat(p.sendDelayMs()).isEqualTo(3000);
        assertThat(p.socketCount()).isEqualTo(1);
        assertThat(p.maxDatagrams()).isEqualTo(3 + 2 * 1000);
    }

    @Test
    void aReceiverWithARangeProbesOnlyTheRange() throws Exception {
        PunchInstructions p = PunchInstructions.from(resp(List.of("192.0.2.2:5000", "192.0.2.2:5003"), List.of("10.0.0.2:1"),
                behavior("receiver", 7, 0, 38000, List.of(new PortsRange(4998, 5008)), 0, 256)), PunchLimits.defaults());
        assertThat(p.detectAddrs()).isEmpty();
        assertThat(p.candidateIps()).hasSize(1);
        assertThat(p.rangePortCount()).isEqualTo(11);
        assertThat(p.socketCount()).isEqualTo(257);
        assertThat(p.maxDatagrams()).isEqualTo(257 * 11);
    }

    @Test
    void aReceiverWithoutARangeProbesTheCandidates() throws Exception {
        PunchInstructions p = PunchInstructions.from(resp(List.of("192.0.2.2:5000"), List.of("10.0.0.2:1"),
                behavior("receiver", 7, 0, 5000, List.of(), 0, 0)), PunchLimits.defaults());
        assertThat(p.detectAddrs()).containsExactly(new InetSocketAddress("192.0.2.2", 5000));
    }

    @Test
    void refusalsAndEmptyAnswersUseFrpsWords() {
        assertThatThrownBy(() -> PunchInstructions.from(new NatHoleResp("t", "", "", List.of(), List.of(), null,
                "xtcp server for [p] doesn't exist"), PunchLimits.defaults()))
                .isInstanceOf(NatHoleException.class)
                .hasMessage("natHoleRespMsg get error info: xtcp server for [p] doesn't exist");
        assertThatThrownBy(() -> PunchInstructions.from(resp(List.of(), List.of(),
                behavior("sender", 0, 0, 0, List.of(), 0, 0)), PunchLimits.defaults()))
                .hasMessage("natHoleRespMsg get empty candidate addresses");
    }

    @Test
    void whatABrokenServerAsksBeyondTheLimitsIsRefusedByName() {
        List<String> one = List.of("192.0.2.2:5000");
        check(resp(one, List.of(), behavior("boss", 0, 0, 0, List.of(), 0, 0)),
                "role \"boss\" is neither \"sender\" nor \"receiver\"");
        check(resp(one, List.of(), behavior("sender", 300, 0, 0, List.of(), 0, 0)),
                "detect_behavior.ttl: 300 is outside the accepted 0 to 255");
        check(resp(one, List.of(), behavior("sender", 0, 60000, 0, List.of(), 0, 0)),
                "detect_behavior.send_delay_ms: 60000 is outside the accepted 0 to 30000");
        check(resp(one, List.of(), behavior("sender", 0, 0, -1, List.of(), 0, 0)),
                "detect_behavior.read_timeout: -1 is outside");
        check(resp(one, List.of(), behavior("receiver", 0, 0, 0, List.of(), 0, 100000)),
                "detect_behavior.listen_random_ports: 100000 is outside the accepted 0 to 512");
        check(resp(one, List.of(), behavior("sender", 0, 0, 0, List.of(), 5000, 0)),
                "detect_behavior.send_random_ports: 5000 is outside the accepted 0 to 2000");
        check(resp(one, List.of(), behavior("sender", 0, 0, 0, List.of(new PortsRange(10, 5)), 0, 0)),
                "range 10-5 is not within 1-65535 in order");
        check(resp(one, List.of(), behavior("sender", 0, 0, 0, List.of(new PortsRange(1, 65535)), 0, 0)),
                "detect_behavior.candidate_ports (ports in all): 65535 is outside the accepted 0 to 512");
        check(resp(Collections.nCopies(33, "192.0.2.2:5000"), List.of(), behavior("sender", 0, 0, 0, List.of(), 0, 0)),
                "candidate_addrs (count): 33 is outside the accepted 1 to 32");
        check(resp(one, List.of(), behavior("receiver", 0, 0, 0, List.of(new PortsRange(1, 500)), 0, 512)),
                "probes to send in all: 256500 is outside the accepted 0 to 20000");
    }

    private static void check(NatHoleResp r, String message) {
        assertThatThrownBy(() -> PunchInstructions.from(r, PunchLimits.defaults())).isInstanceOf(NatHoleException.class)
                .hasMessageContaining(message);
    }
}
