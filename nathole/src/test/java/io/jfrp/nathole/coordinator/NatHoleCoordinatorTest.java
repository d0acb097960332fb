package io.jfrp.nathole.coordinator;

import io.jfrp.nathole.NatHoleIds;
import io.jfrp.protocol.auth.AuthKeys;
import io.jfrp.protocol.msg.NatHoleClient;
import io.jfrp.protocol.msg.NatHoleReport;
import io.jfrp.protocol.msg.NatHoleResp;
import io.jfrp.protocol.msg.NatHoleVisitor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The coordinator's sequence under a hand-driven clock. */
class NatHoleCoordinatorTest {
    private static final String SK = "abc";
    private static final long TS = 1_700_000_000L;
    private static final List<String> V_MAPPED = List.of("198.51.100.2:4000", "198.51.100.2:4000");
    private static final List<String> C_MAPPED = List.of("192.0.2.2:5000", "192.0.2.2:5000");

    private MutableClock clock;
    private ManualScheduler scheduler;
    private NatHoleCoordinator coordinator;
    private final List<String> delivered = new ArrayList<>();
    private final List<NatHoleResp> toVisitor = new ArrayList<>();
    private final List<NatHoleResp> toClient = new ArrayList<>();

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.ofEpochSecond(TS));
        scheduler = new ManualScheduler(clock);
        coordinator = new NatHoleCoordinator(CoordinatorSettings.defaults().withAnalysisReserveHours(2), scheduler,
                clock, new NatHoleIds(clock, new SplittableRandom(7)));
        coordinator.registerProxy("u.p", SK, List.of("u"), delivered::add);
    }

    private NatHoleVisitor visitor(String proxy, String signKey) {
        return new NatHoleVisitor("1700000000vvvvvvvvvvvvvvvv", proxy, false, "quic", signKey, TS, V_MAPPED, List.of());
    }

    private NatHoleVisitor visitor() {
        return visitor("u.p", AuthKeys.signKey(SK, TS));
    }

    private NatHoleClient client(String sid) {
        return new NatHoleClient("1700000000cccccccccccccccc", "u.p", sid, C_MAPPED, List.of());
    }

    @Test
    void preCheckAnswersAtOnceWithFrpsErrors() {
        NatHoleVisitor pre = new NatHoleVisitor("t1", "u.p", true, "", "", 0, List.of(), List.of());
        coordinator.handleVisitor(pre, "u", toVisitor::add);
        coordinator.handleVisitor(pre, "eve", toVisitor::add);
        coordinator.handleVisitor(new NatHoleVisitor("t3", "u.nope", true, "", "", 0, List.of(), List.of()), "u",
                toVisitor::add);
        assertThat(toVisitor).extracting(NatHoleResp::transactionId).containsExactly("t1", "t1", "t3");
        assertThat(toVisitor).extracting(NatHoleResp::error).containsExactly("",
                "xtcp visitor user [eve] not allowed for [u.p]", "xtcp server for [u.nope] doesn't exist");
        assertThat(delivered).isEmpty();
        assertThat(coordinator.sessionCount()).isZero();
    }

    @Test
    void aFullSessionSendsTheReceiverAtOnceAndTheSenderASecondLater() {
        coordinator.handleVisitor(visitor(), "u", toVisitor::add);
        assertThat(delivered).hasSize(1);
        String sid = delivered.get(0);
        assertThat(sid).matches("1700000000[0-9a-f]{16}");
        assertThat(toVisitor).isEmpty();

        scheduler.advance(Duration.ofSeconds(3));
        coordinator.handleClient(client(sid), toClient::add);
        // Mode 0 row 0: the client sends, the visitor receives with TTL 7.
        assertThat(toVisitor).hasSize(1);
        NatHoleResp v = toVisitor.get(0);
        assertThat(v.transactionId()).isEqualTo("1700000000vvvvvvvvvvvvvvvv");
        assertThat(v.sid()).isEqualTo(sid);
        assertThat(v.protocol()).isEqualTo("quic");
        assertThat(v.candidateAddrs()).containsExactly("192.0.2.2:5000");
        assertThat(v.detectBehavior().role()).isEqualTo("receiver");
        assertThat(v.detectBehavior().ttl()).isEqualTo(7);
        assertThat(toClient).isEmpty();
        scheduler.advance(Duration.ofMillis(999));
        assertThat(toClient).isEmpty();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(toClient).hasSize(1);
        assertThat(toClient.get(0).transactionId()).isEqualTo("1700000000cccccccccccccccc");
        assertThat(toClient.get(0).detectBehavior().role()).isEqualTo("sender");
        assertThat(toClient.get(0).candidateAddrs()).containsExactly("198.51.100.2:4000");

        // Kept for the report: 1 s delay + 5 s read timeout + 30 s.
        scheduler.advance(Duration.ofSeconds(34));
        assertThat(coordinator.sessionCount()).isEqualTo(1);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(coordinator.sessionCount()).isZero();
    }

    @Test
    void aSuccessKeepsTheRowAndAFailureMovesOn() {
        assertThat(session(true)).isEqualTo("receiver 7");  // row 0: 0 - 1 + 2 = 1
        assertThat(session(false)).isEqualTo("receiver 7"); // row 0 again: 1 - 1 = 0
        assertThat(session(false)).isEqualTo("receiver 7"); // row 0 first among the zeros: -1
        assertThat(session(false)).isEqualTo("sender 0");   // row 1 (the visitor sends)
    }

    /** Runs one session to its report; returns the visitor's role and TTL. */
    private String session(boolean success) {
        toVisitor.clear();
        toClient.clear();
        delivered.clear();
        coordinator.handleVisitor(visitor(), "u", toVisitor::add);
        String sid = delivered.get(0);
        coordinator.handleClient(client(sid), toClient::add);
        scheduler.advance(Duration.ofSeconds(1));
        coordinator.handleReport(new NatHoleReport(sid, success));
        coordinator.handleReport(new NatHoleReport(sid, success)); // counted once
        scheduler.advance(Duration.ofSeconds(40));
        return toVisitor.get(0).detectBehavior().role() + " " + toVisitor.get(0).detectBehavior().ttl();
    }

    @Test
    void withoutTheClientWithinTenSecondsTheSessionIsDropped() {
        coordinator.handleVisitor(visitor(), "u", toVisitor::add);
        String sid = delivered.get(0);
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(coordinator.sessionCount()).isZero();
        coordinator.handleClient(client(sid), toClient::add);
        assertThat(toVisitor).isEmpty();
        assertThat(toClient).isEmpty();
    }

    @Test
    void aClientNamingAnotherProxyOrComingTwiceIsIgnored() {
        coordinator.handleVisitor(visitor(), "u", toVisitor::add);
        String sid = delivered.get(0);
        coordinator.handleClient(new NatHoleClient("x", "u.other", sid, C_MAPPED, List.of()), toClient::add);
        assertThat(toVisitor).isEmpty();
        coordinator.handleClient(client(sid), toClient::add);
        coordinator.handleClient(client(sid), toClient::add);
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(toVisitor).hasSize(1);
        assertThat(toClient).hasSize(1);
    }

    @Test
    void refusalsCarryFrpsMessages() {
        coordinator.handleVisitor(visitor("u.p", "bad"), "u", toVisitor::add);
        coordinator.handleVisitor(visitor("u.none", "bad"), "u", toVisitor::add);
        coordinator.handleVisitor(visitor(), "eve", toVisitor::add);
        assertThat(toVisitor).extracting(NatHoleResp::error).containsExactly(
                "xtcp connection of [u.p] auth failed",
                "xtcp server for [u.none] doesn't exist",
                "xtcp visitor user [eve] not allowed for [u.p]");
        assertThat(toVisitor).extracting(NatHoleResp::sid).containsOnly("");
        assertThat(delivered).isEmpty();
    }

    @Test
    void unclassifiableAddressesSendBothSidesTheError() {
        coordinator.handleVisitor(visitor(), "u", toVisitor::add);
        String sid = delivered.get(0);
        coordinator.handleClient(new NatHoleClient("c", "u.p", sid, List.of("192.0.2.2:5000"), List.of()),
                toClient::add);
        assertThat(toVisitor).singleElement().extracting(NatHoleResp::error).asString()
                .startsWith("classify client nat feature error: not enough addresses");
        assertThat(toClient).singleElement().extracting(NatHoleResp::error).isEqualTo(toVisitor.get(0).error());
        assertThat(toClient.get(0).sid()).isEmpty();
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(coordinator.sessionCount()).isZero();
    }

    @Test
    void sessionsAreBounded() {
        var small = new NatHoleCoordinator(CoordinatorSettings.defaults().withMaxSessions(1), scheduler, clock,
                new NatHoleIds());
        small.registerProxy("u.p", SK, List.of("*"), delivered::add);
        small.handleVisitor(visitor(), "anyone", toVisitor::add);
        small.handleVisitor(visitor(), "anyone", toVisitor::add);
        assertThat(delivered).hasSize(1);
        assertThat(toVisitor).singleElement().extracting(NatHoleResp::error).asString()
                .contains("too many xtcp sessions in progress (limit 1)");
        small.close();
    }

    @Test
    void aDeliveryThatCannotStartAnswersTheVisitor() {
        coordinator.registerProxy("u.gone", SK, List.of("u"), sid -> {
            throw new IllegalStateException("proxy is closing");
        });
        coordinator.handleVisitor(visitor("u.gone", AuthKeys.signKey(SK, TS)), "u", toVisitor::add);
        assertThat(toVisitor).singleElement().extracting(NatHoleResp::error)
                .isEqualTo("xtcp server for [u.gone] cannot be reached: proxy is closing");
        assertThat(coordinator.sessionCount()).isZero();
    }

    @Test
    void proxiesAreUniqueAndCanGo() {
        assertThatThrownBy(() -> coordinator.registerProxy("u.p", "x", List.of(), sid -> { }))
                .hasMessage("proxy [u.p] is repeated");
        coordinator.unregisterProxy("u.p");
        coordinator.handleVisitor(visitor(), "u", toVisitor::add);
        assertThat(toVisitor.get(0).error()).isEqualTo("xtcp server for [u.p] doesn't exist");
    }

    @Test
    void analysisDataIsCleanedHourlyAfterTheReserve() {
        session(true);
        assertThat(coordinator.analyzer().size()).isEqualTo(1);
        scheduler.advance(Duration.ofHours(2));
        assertThat(coordinator.analyzer().size()).isEqualTo(1);
        scheduler.advance(Duration.ofHours(1));
        assertThat(coordinator.analyzer().size()).isZero();
        coordinator.close();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aCustomSignKeyCheckIsUsed() {
        var strict = new NatHoleCoordinator(CoordinatorSettings.defaults()
                .withSignKeyVerifier((key, ts, sk) -> false), scheduler, clock, new NatHoleIds());
        strict.registerProxy("u.p", SK, List.of("u"), delivered::add);
        strict.handleVisitor(visitor(), "u", toVisitor::add);
        assertThat(toVisitor.get(0).error()).isEqualTo("xtcp connection of [u.p] auth failed");
        strict.close();
    }
}
