package io.jfrp.nathole.analysis;

import io.jfrp.nathole.NatBehavior;
import io.jfrp.nathole.NatFeature;
import io.jfrp.nathole.NatType;
import io.jfrp.nathole.coordinator.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** frp's {@code makeHoleRecords} and {@code Analyzer}: orders, scores, role swaps, ageing. */
class PunchAnalyzerTest {
    static final NatFeature EASY = new NatFeature(NatType.EASY_NAT, NatBehavior.NO_CHANGE, 0, false, false);
    static final NatFeature EASY_PUBLIC = new NatFeature(NatType.EASY_NAT, NatBehavior.NO_CHANGE, 0, false, true);
    static final NatFeature HARD_REGULAR = new NatFeature(NatType.HARD_NAT, NatBehavior.PORT_CHANGED, 2, true, false);
    static final NatFeature HARD_RANDOM = new NatFeature(NatType.HARD_NAT, NatBehavior.PORT_CHANGED, 9000, false, false);

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_000));
    /** The analyzer most tests use: keys live an hour unused, at most 100 of them. */
    private final PunchAnalyzer analyzer = new PunchAnalyzer(Duration.ofHours(1), clock, 100);

    private static NatFeature feature(String name) {
        return switch (name) {
            case "easy" -> EASY;
            case "public" -> EASY_PUBLIC;
            case "regular" -> HARD_REGULAR;
            case "random" -> HARD_RANDOM;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Which modes are scored, in order, and the first recommendation. */
    @ParameterizedTest(name = "client {0}, visitor {1}: modes {2}, first {3}")
    @CsvSource({
            "easy,    easy,    0,     0/0",
            "regular, easy,    1 2 0, 1/0",
            "easy,    regular, 1 2 0, 1/0",
            "random,  easy,    2 1 0, 2/0",
            "easy,    random,  2 1 0, 2/0",
            "regular, regular, 3 4,   3/0",
            "regular, random,  4,     4/0",
            "random,  regular, 4,     4/0",
            "random,  random,  0 1 3, 0/0",
            "public,  easy,    0,     0/1",
            "easy,    public,  0,     0/0"})
    void modeOrderFollowsTheFeatures(String client, String visitor, String modes, String first) {
        BehaviorScores s = BehaviorScores.forFeatures(feature(client), feature(visitor), clock.instant());
        List<String> expected = new ArrayList<>();
        for (String m : modes.split(" ")) {
            int mode = Integer.parseInt(m);
            for (int i = 0; i < PunchModes.pairs(mode).size(); i++) {
                expected.add(mode + "/" + i);
            }
        }
        assertThat(s.order()).isEqualTo(expected);
        int[] r = s.recommend(clock.instant());
        assertThat(r[0] + "/" + r[1]).isEqualTo(first);
    }

    @Test
    void publicClientPrefersBeingTheReceiverAndHardHardStartsAtOne() {
        BehaviorScores pub = BehaviorScores.forFeatures(EASY_PUBLIC, EASY, clock.instant());
        assertThat(pub.score(0, 0)).isZero();   // client (A) sender
        assertThat(pub.score(0, 1)).isEqualTo(1); // client (A) receiver
        BehaviorScores pubVisitor = BehaviorScores.forFeatures(EASY, EASY_PUBLIC, clock.instant());
        assertThat(pubVisitor.score(0, 0)).isEqualTo(1);
        assertThat(pubVisitor.score(0, 1)).isZero();
        BehaviorScores hard = BehaviorScores.forFeatures(HARD_RANDOM, HARD_RANDOM, clock.instant());
        assertThat(hard.score(3, 5)).isEqualTo(1);
    }

    @Test
    void failuresWalkDownTheTableAndSuccessesStayOnTop() {
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Recommendation r = analyzer.recommend("k", EASY, EASY);
            picks.add(r.mode() + "/" + r.index());
        }
        // All start at 0: each pick costs 1, so the table is walked in order, then again.
        assertThat(picks).containsExactly("0/0", "0/1", "0/2", "0/3", "0/4", "0/5", "0/6", "0/7", "0/8", "0/9",
                "0/0", "0/1");
        analyzer.reportSuccess("k", 0, 2);  // -1 + 2 = 1
        assertThat(pick(analyzer)).isEqualTo("0/2");
        assertThat(analyzer.scores("k").score(0, 2)).isZero();
    }

    @Test
    void successIsCappedAtTen() {
        analyzer.recommend("k", EASY, EASY);
        for (int i = 0; i < 20; i++) {
            analyzer.reportSuccess("k", 0, 0);
        }
        assertThat(analyzer.scores("k").score(0, 0)).isEqualTo(BehaviorScores.MAX_SCORE);
        analyzer.reportSuccess("unknown", 0, 0);
        assertThat(analyzer.size()).isEqualTo(1);
    }

    @Test
    void modeOneMakesTheHardSideTheSender() {
        Recommendation clientEasy = analyzer.recommend("a", EASY, HARD_REGULAR);
        assertThat(clientEasy.mode()).isEqualTo(1);
        assertThat(clientEasy.client().role()).isEqualTo(PunchRole.RECEIVER);
        assertThat(clientEasy.client().portsRangeNumber()).isEqualTo(10);
        assertThat(clientEasy.visitor().role()).isEqualTo(PunchRole.SENDER);
        Recommendation clientHard = analyzer.recommend("b", HARD_REGULAR, EASY);
        assertThat(clientHard.client().role()).isEqualTo(PunchRole.SENDER);
        assertThat(clientHard.visitor().role()).isEqualTo(PunchRole.RECEIVER);
    }

    @Test
    void modeTwoMakesTheHardSideTheReceiver() {
        Recommendation clientHard = analyzer.recommend("a", HARD_RANDOM, EASY);
        assertThat(clientHard.mode()).isEqualTo(2);
        assertThat(clientHard.client()).isEqualTo(PunchModes.pair(2, 0).b());
        assertThat(clientHard.client().listenRandomPorts()).isEqualTo(256);
        assertThat(clientHard.visitor().portsRandomNumber()).isEqualTo(1000);
        Recommendation clientEasy = analyzer.recommend("b", EASY, HARD_RANDOM);
        assertThat(clientEasy.client()).isEqualTo(PunchModes.pair(2, 0).a());
    }

    @Test
    void modeFourMakesTheRegularSideTheSender() {
        Recommendation clientRandom = analyzer.recommend("a", HARD_RANDOM, HARD_REGULAR);
        assertThat(clientRandom.mode()).isEqualTo(4);
        assertThat(clientRandom.client().role()).isEqualTo(PunchRole.RECEIVER);
        assertThat(clientRandom.visitor().role()).isEqualTo(PunchRole.SENDER);
        Recommendation clientRegular = analyzer.recommend("b", HARD_REGULAR, HARD_RANDOM);
        assertThat(clientRegular.client().role()).isEqualTo(PunchRole.SENDER);
    }

    @Test
    void modeZeroAndThreeKeepTheTablesOrder() {
        Recommendation r = analyzer.recommend("a", EASY, EASY);
        assertThat(r.client()).isEqualTo(PunchModes.pair(0, 0).a());
        assertThat(r.visitor()).isEqualTo(PunchModes.pair(0, 0).b());
    }

    @Test
    void unusedKeysAgeOutAndUseKeepsThem() {
        analyzer.recommend("old", EASY, EASY);
        analyzer.recommend("used", EASY, EASY);
        clock.advance(Duration.ofMinutes(50));
        analyzer.reportSuccess("used", 0, 0);
        clock.advance(Duration.ofMinutes(11));
        assertThat(analyzer.clean()).isEqualTo(new PunchAnalyzer.CleanResult(1, 2));
        assertThat(analyzer.scores("old")).isNull();
        assertThat(analyzer.scores("used")).isNotNull();
        clock.advance(Duration.ofMinutes(50));
        assertThat(analyzer.clean()).isEqualTo(new PunchAnalyzer.CleanResult(1, 1));
    }

    @Test
    void theLeastRecentlyUsedKeyGoesBeyondTheLimit() {
        PunchAnalyzer a = new PunchAnalyzer(Duration.ofHours(1), clock, 2);
        a.recommend("a", EASY, EASY);
        a.recommend("b", EASY, EASY);
        a.recommend("a", EASY, EASY);
        a.recommend("c", EASY, EASY);
        assertThat(a.size()).isEqualTo(2);
        assertThat(a.scores("b")).isNull();
        assertThat(a.scores("a")).isNotNull();
    }

    private static String pick(PunchAnalyzer a) {
        Recommendation r = a.recommend("k", EASY, EASY);
        return r.mode() + "/" + r.index();
    }
}
