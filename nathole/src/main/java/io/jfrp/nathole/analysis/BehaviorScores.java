package io.jfrp.nathole.analysis;

import io.jfrp.nathole.NatFeature;
import io.jfrp.nathole.NatType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The scored behaviour pairs for one pair of NATs (frp's {@code makeHoleRecords}). Built once from
 * the two sides' features, in frp's order:
 * <ul>
 * <li>both easy: mode 0 (all pairs 0, or when one side is public, 1 for the pairs that make the
 *     public side the receiver);</li>
 * <li>one hard with a regular port change: modes 1, 2, then 0;</li>
 * <li>one hard with irregular ports: modes 2, 1, then 0;</li>
 * <li>two hard, both regular: modes 3 then 4; two hard, one regular: mode 4;</li>
 * <li>otherwise (two hard, irregular): modes 0, 1 and 3, all at 1: "hard to make hole, just trying".</li>
 * </ul>
 * Each recommendation takes the highest score (the first on ties) and costs it 1; each reported
 * success adds 2, up to 10. So a pair that keeps failing sinks below untried ones, and one that
 * works stays on top.
 *
 * <p>Not thread-safe: {@link PunchAnalyzer} guards it.
 */
final class BehaviorScores {
    /** The highest score a success can raise a pair to. */
    static final int MAX_SCORE = 10;
    /** What a reported success adds. */
    static final int SUCCESS_BONUS = 2;

    /** One pair's score; mutable. */
    static final class Score {
        final int mode;
        final int index;
        int score;

        Score(int mode, int index, int score) {
            this.mode = mode;
            this.index = index;
            this.score = score;
        }

        @Override
        public String toString() {
            return mode + "/" + index + "=" + score;
        }
    }

    private final List<Score> scores;
    private Instant lastUpdate;

    private BehaviorScores(List<Score> scores, Instant now) {
        this.scores = scores;
        this.lastUpdate = now;
    }

    /** The scores for a proxy client and a visitor with these features. */
    static BehaviorScores forFeatures(NatFeature client, NatFeature visitor, Instant now) {
        List<Score> scores = new ArrayList<>();
        int easy = 0;
        int hard = 0;
        int regular = 0;
        for (NatFeature f : List.of(client, visitor)) {
            if (f.natType() == NatType.EASY_NAT) {
                easy++;
            } else {
                hard++;
                if (f.regularPortsChange()) {
                    regular++;
                }
            }
        }
        if (easy == 2) {
            addMode0(scores, client, visitor);
        } else if (hard == 1 && regular == 1) {
            add(scores, 1, 0, 0);
            add(scores, 2, 0, 0);
            addMode0(scores, client, visitor);
        } else if (hard == 1) {
            add(scores, 2, 0, 0);
            add(scores, 1, 0, 0);
            addMode0(scores, client, visitor);
        } else if (hard == 2 && regular == 2) {
            add(scores, 3, 0, 0);
            add(scores, 4, 0, 0);
        } else if (hard == 2 && regular == 1) {
            add(scores, 4, 0, 0);
        } else {
            add(scores, 0, 1, 1);
            add(scores, 1, 1, 1);
            add(scores, 3, 1, 1);
        }
        return new BehaviorScores(scores, now);
    }

    /** Mode 0, preferring the public side as the receiver (A is the client, B the visitor). */
    private static void addMode0(List<Score> scores, NatFeature client, NatFeature visitor) {
        if (client.publicNetwork()) {
            add(scores, 0, 0, 1);
        } else if (visitor.publicNetwork()) {
            add(scores, 0, 1, 0);
        } else {
            add(scores, 0, 0, 0);
        }
    }

    /** Every pair of {@code mode}, scored by side A's role (frp's {@code getBehaviorScoresByMode2}). */
    private static void add(List<Score> scores, int mode, int senderScore, int receiverScore) {
        List<BehaviorPair> pairs = PunchModes.pairs(mode);
        for (int i = 0; i < pairs.size(); i++) {
            scores.add(new Score(mode, i, pairs.get(i).a().role() == PunchRole.SENDER ? senderScore : receiverScore));
        }
    }

    /** The best pair (first on ties), which costs it 1. Returns {mode, index}. */
    int[] recommend(Instant now) {
        Score best = scores.get(0);
        for (Score s : scores) {
            if (s.score > best.score) {
                best = s;
            }
        }
        best.score--;
        lastUpdate = now;
        return new int[] {best.mode, best.index};
    }

    /** A success with {@code mode}/{@code index}: +2, at most 10. */
    void reportSuccess(int mode, int index, Instant now) {
        lastUpdate = now;
        for (Score s : scores) {
            if (s.mode == mode && s.index == index) {
                s.score = Math.min(s.score + SUCCESS_BONUS, MAX_SCORE);
                return;
            }
        }
    }

    Instant lastUpdate() {
        return lastUpdate;
    }

    /** The score of {@code mode}/{@code index}, for tests; null if not in the list. */
    Integer score(int mode, int index) {
        for (Score s : scores) {
            if (s.mode == mode && s.index == index) {
                return s.score;
            }
        }
        return null;
    }

    /** The scored pairs in order as "mode/index", for tests. */
    List<String> order() {
        List<String> out = new ArrayList<>(scores.size());
        for (Score s : scores) {
            out.add(s.mode + "/" + s.index);
        }
        return out;
    }

    @Override
    public String toString() {
        return scores.toString();
    }
}
