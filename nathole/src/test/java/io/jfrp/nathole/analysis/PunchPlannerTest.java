package io.jfrp.nathole.analysis;

import io.jfrp.nathole.NatBehavior;
import io.jfrp.nathole.NatFeature;
import io.jfrp.nathole.NatType;
import io.jfrp.nathole.coordinator.MutableClock;
import io.jfrp.protocol.codec.MessageJson;
import io.jfrp.protocol.msg.NatHoleClient;
import io.jfrp.protocol.msg.NatHoleResp;
import io.jfrp.protocol.msg.NatHoleVisitor;
import io.jfrp.protocol.msg.PortsRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** frp's {@code Controller.analysis}, {@code newNatHoleResponse} and {@code getRangePorts}. */
class PunchPlannerTest {
    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_000));
    private final PunchPlanner planner = new PunchPlanner(new PunchAnalyzer(Duration.ofHours(168), clock, 100));

    static NatHoleVisitor visitor(List<String> mapped, List<String> assisted) {
        return new NatHoleVisitor("1700000000vvvvvvvvvvvvvvvv", "u.p", false, "kcp", "sign", 1_700_000_000L, mapped,
                assisted);
    }

    static NatHoleClient client(List<String> mapped, List<String> assisted) {
        return new NatHoleClient("1700000000cccccccccccccccc", "u.p", "SID", mapped, assisted);
    }

    @Test
    void easyEasyFirstPlanIsFrpsModeZeroRowZero() {
        PunchPlan plan = planner.plan("SID",
                visitor(List.of("198.51.100.2:4000", "198.51.100.2:4000"), List.of("10.0.1.2:4000")),
                client(List.of("192.0.2.2:5000", "192.0.2.2:5000"), List.of("10.0.2.2:5000", "10.0.2.2:5000")));
        // The exact JSON a stock frpc receives, field order and omissions included.
        assertThat(json(plan.visitorResponse())).isEqualTo("{\"transaction_id\":\"1700000000vvvvvvvvvvvvvvvv\","
                + "\"sid\":\"SID\",\"protocol\":\"kcp\",\"candidate_addrs\":[\"192.0.2.2:5000\"],"
                + "\"assisted_addrs\":[\"10.0.2.2:5000\"],\"detect_behavior\":{\"role\":\"receiver\",\"ttl\":7,"
                + "\"read_timeout\":5000}}");
        assertThat(json(plan.clientResponse())).isEqualTo("{\"transaction_id\":\"1700000000cccccccccccccccc\","
                + "\"sid\":\"SID\",\"protocol\":\"kcp\",\"candidate_addrs\":[\"198.51.100.2:4000\"],"
                + "\"assisted_addrs\":[\"10.0.1.2:4000\"],\"detect_behavior\":{\"role\":\"sender\",\"read_timeout\":5000}}");
        assertThat(plan.recommendation().mode()).isZero();
        assertThat(plan.analysisKey()).isEqualTo(AnalysisKey.of(List.of("198.51.100.2:4000", "198.51.100.2:4000"),
                plan.visitorFeature(), List.of("192.0.2.2:5000", "192.0.2.2:5000"), plan.clientFeature()));
    }

    @Test
    void easyHardGetsModeTwoWithTheRandomListenTimeout() {
        PunchPlan plan = planner.plan("SID",
                visitor(List.of("198.51.100.2:4000", "198.51.100.2:4000"), List.of()),
                client(List.of("192.0.2.2:5000", "192.0.2.2:41234"), List.of()));
        NatHoleResp v = plan.visitorResponse();
        NatHoleResp c = plan.clientResponse();
        assertThat(plan.recommendation().mode()).isEqualTo(2);
        // base = 3000 + 5000 + 30000 (someone listens on random ports)
        assertThat(v.detectBehavior().role()).isEqualTo("sender");
        assertThat(v.detectBehavior().sendDelayMs()).isEqualTo(3000);
        assertThat(v.detectBehavior().readTimeoutMs()).isEqualTo(35000);
        assertThat(v.detectBehavior().sendRandomPorts()).isEqualTo(1000);
        assertThat(v.candidateAddrs()).containsExactly("192.0.2.2:5000", "192.0.2.2:41234");
        assertThat(c.detectBehavior().role()).isEqualTo("receiver");
        assertThat(c.detectBehavior().readTimeoutMs()).isEqualTo(38000);
        assertThat(c.detectBehavior().listenRandomPorts()).isEqualTo(256);
        assertThat(c.detectBehavior().ttl()).isEqualTo(7);
        assertThat(c.detectBehavior().candidatePorts()).isEmpty();
    }

    @Test
    void regularHardGetsModeOneWithARangeAroundTheLastPort() {
        PunchPlan plan = planner.plan("SID",
                visitor(List.of("198.51.100.2:4000", "198.51.100.2:4000"), List.of()),
                client(List.of("192.0.2.2:5000", "192.0.2.2:5002"), List.of()));
        assertThat(plan.recommendation().mode()).isEqualTo(1);
        // The easy visitor receives and probes around the client's last port: 5002 ± min(2 + 5, 10).
        assertThat(plan.visitorResponse().detectBehavior().role()).isEqualTo("receiver");
        assertThat(plan.visitorResponse().detectBehavior().candidatePorts()).containsExactly(new PortsRange(4995, 5009));
        assertThat(plan.clientResponse().detectBehavior().role()).isEqualTo("sender");
        assertThat(plan.clientResponse().detectBehavior().candidatePorts()).isEmpty();
        assertThat(plan.clientResponse().detectBehavior().readTimeoutMs()).isEqualTo(5000);
    }

    @Test
    void classificationErrorsNameTheSide() {
        assertThatThrownBy(() -> planner.plan("SID", visitor(List.of("1.1.1.1:1"), List.of()),
                client(List.of("2.2.2.2:1", "2.2.2.2:1"), List.of())))
                .hasMessageStartingWith("classify visitor nat feature error: not enough addresses");
        assertThatThrownBy(() -> planner.plan("SID", visitor(List.of("1.1.1.1:1", "1.1.1.1:1"), List.of()),
                client(List.of("2.2.2.2:1", "junk"), List.of())))
                .hasMessageStartingWith("classify client nat feature error: address \"junk\"");
    }

    @Test
    void assistedAddressesMarkAPublicNetwork() {
        PunchPlan plan = planner.plan("SID",
                visitor(List.of("198.51.100.2:4000", "198.51.100.2:4000"), List.of("198.51.100.2:4000")),
                client(List.of("192.0.2.2:5000", "192.0.2.2:5000"), List.of()));
        assertThat(plan.visitorFeature().publicNetwork()).isTrue();
        // The public visitor is preferred as receiver: row 0 makes the visitor (B) the receiver.
        assertThat(plan.visitorResponse().detectBehavior().role()).isEqualTo("receiver");
    }

    @ParameterizedTest(name = "{0} diff {1} max {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1.1.1.1:5000           | 0   | 10 | 4995-5005
            1.1.1.1:5000           | 3   | 10 | 4992-5008
            1.1.1.1:5000           | 100 | 10 | 4990-5010
            1.1.1.1:5000           | 0   | 2  | 4998-5002
            1.1.1.1:3              | 0   | 10 | 1-8
            1.1.1.1:65533          | 0   | 10 | 65528-65535
            1.1.1.1:1 1.1.1.1:5000 | 0   | 10 | 4995-5005
            1.1.1.1:5000           | 0   | 0  |
            junk                   | 0   | 10 |
            """)
    void rangePortsAsFrp(String addrs, int difference, int max, String expected) {
        List<PortsRange> r = PunchPlanner.rangePorts(Arrays.asList(addrs.split(" ")), difference, max);
        if (expected == null) {
            assertThat(r).isEmpty();
        } else {
            String[] p = expected.split("-");
            assertThat(r).containsExactly(new PortsRange(Integer.parseInt(p[0]), Integer.parseInt(p[1])));
        }
    }

    @Test
    void compactDropsConsecutiveDuplicatesOnly() {
        assertThat(PunchPlanner.compact(List.of("a", "a", "b", "a", "a"))).containsExactly("a", "b", "a");
    }

    @Test
    void analysisKeyIsMd5OfBothSidesAsFrp() {
        // md5("1.1.1.1" "EasyNAT" "BehaviorNoChange" "false" "2.2.2.2" "HardNAT" "BehaviorPortChanged" "true")
        assertThat(AnalysisKey.of(List.of("junk", "1.1.1.1:1", "3.3.3.3:1"),
                new NatFeature(NatType.EASY_NAT, NatBehavior.NO_CHANGE, 0, false, false),
                List.of("2.2.2.2:2"), new NatFeature(NatType.HARD_NAT, NatBehavior.PORT_CHANGED, 3, true, false)))
                .isEqualTo("0164e2e001872ec6513cc3256e72a38e");
        NatFeature easy = new NatFeature(NatType.EASY_NAT, NatBehavior.NO_CHANGE, 0, false, false);
        assertThat(AnalysisKey.of(List.of(), easy, List.of(), easy)).isEqualTo("76e97bece6550321cf981332de95910e");
    }

    private static String json(NatHoleResp r) {
        return new String(MessageJson.write(r), StandardCharsets.UTF_8);
    }
}
