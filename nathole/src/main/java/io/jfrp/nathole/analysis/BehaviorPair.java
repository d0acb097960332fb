package io.jfrp.nathole.analysis;

import java.util.Objects;

/**
 * One row of a mode's table: the behaviours of side A and side B. Which real side is A is decided
 * per mode ({@link PunchAnalyzer}); by default A is the proxy's client and B the visitor.
 *
 * @param a the first side's behaviour
 * @param b the second side's behaviour
 */
public record BehaviorPair(PunchBehavior a, PunchBehavior b) {

    public BehaviorPair {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
    }
}
