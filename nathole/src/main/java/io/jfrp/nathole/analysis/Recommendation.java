package io.jfrp.nathole.analysis;

import java.util.Objects;

/**
 * The analyzer's choice for one punch: the mode and row, and each side's behaviour after the
 * mode's role assignment (the hard NAT sends in mode 1 and receives in mode 2; the regular one sends
 * in mode 4).
 *
 * @param mode    0 to 4
 * @param index   the row within the mode's table
 * @param client  the proxy client's behaviour
 * @param visitor the visitor's behaviour
 */
public record Recommendation(int mode, int index, PunchBehavior client, PunchBehavior visitor) {

    public Recommendation {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(visitor, "visitor");
    }
}
