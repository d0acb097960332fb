package io.jfrp.nathole.analysis;

import java.util.Objects;

/**
 * What the coordinator recommends to one side (frp's {@code RecommandBehavior}); it becomes that
 * side's {@code detect_behavior}.
 *
 * @param role              sender or receiver
 * @param ttl               IP TTL of the side's probes, 0 for the default
 * @param sendDelayMs       how long a sender waits before its first probe
 * @param portsRangeNumber  the widest port range around the peer's last mapped port to probe
 *                          (becomes {@code candidate_ports}), 0 for none
 * @param portsRandomNumber how many random peer ports to probe ({@code send_random_ports})
 * @param listenRandomPorts how many extra sockets on random ports a receiver opens
 */
public record PunchBehavior(PunchRole role, int ttl, int sendDelayMs, int portsRangeNumber, int portsRandomNumber,
                            int listenRandomPorts) {

    public PunchBehavior {
        Objects.requireNonNull(role, "role");
    }

    /** A sender with nothing else set. */
    static PunchBehavior sender() {
        return new PunchBehavior(PunchRole.SENDER, 0, 0, 0, 0, 0);
    }

    /** A receiver with nothing else set. */
    static PunchBehavior receiver() {
        return new PunchBehavior(PunchRole.RECEIVER, 0, 0, 0, 0, 0);
    }

    PunchBehavior ttl(int value) {
        return new PunchBehavior(role, value, sendDelayMs, portsRangeNumber, portsRandomNumber, listenRandomPorts);
    }

    PunchBehavior sendDelayMs(int value) {
        return new PunchBehavior(role, ttl, value, portsRangeNumber, portsRandomNumber, listenRandomPorts);
    }

    PunchBehavior portsRange(int value) {
        return new PunchBehavior(role, ttl, sendDelayMs, value, portsRandomNumber, listenRandomPorts);
    }

    PunchBehavior portsRandom(int value) {
        return new PunchBehavior(role, ttl, sendDelayMs, portsRangeNumber, value, listenRandomPorts);
    }

    PunchBehavior listenRandomPorts(int value) {
        return new PunchBehavior(role, ttl, sendDelayMs, portsRangeNumber, portsRandomNumber, value);
    }
}
