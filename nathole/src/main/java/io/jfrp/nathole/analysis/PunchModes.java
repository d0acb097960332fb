package io.jfrp.nathole.analysis;

import java.util.List;

import static io.jfrp.nathole.analysis.PunchBehavior.receiver;
import static io.jfrp.nathole.analysis.PunchBehavior.sender;

/**
 * frp's five punching modes and, for each, the behaviour pairs tried in order (frp 0.70's
 * {@code mode0Behaviors} ... {@code mode4Behaviors} in {@code pkg/nathole/analysis.go}). The pairs
 * go on the wire, so they must stay exactly frp's.
 *
 * <ul>
 * <li>Mode 0, both easy (or one public): one sender, one receiver; the receiver's TTL 7, then 4,
 *     then default; then the sender waits 5 s or 10 s first. Both role orders.</li>
 * <li>Mode 1, one hard NAT with a regular port change: the hard side sends; the easy side receives
 *     and probes up to ±10 ports around the hard side's last mapped port.</li>
 * <li>Mode 2, one hard NAT with irregular ports: the hard side receives on 256 extra random ports;
 *     the easy side waits 3 s and sends to 1000 random ports.</li>
 * <li>Mode 3, two hard NATs, both regular: both probe ranges of up to ±10 ports.</li>
 * <li>Mode 4, two hard NATs, one regular: the regular one sends to 1000 random ports after 3 s; the
 *     other receives on 256 random ports and probes ±2 ports around the sender's port.</li>
 * </ul>
 */
public final class PunchModes {
    /** Modes 0 to 4. */
    public static final int MODE_COUNT = 5;

    private static final List<BehaviorPair> MODE0 = List.of(
            pair(sender(), receiver().ttl(7)),
            pair(receiver().ttl(7), sender()),
            pair(sender(), receiver().ttl(4)),
            pair(receiver().ttl(4), sender()),
            pair(sender(), receiver()),
            pair(receiver(), sender()),
            pair(sender().sendDelayMs(5000), receiver()),
            pair(sender().sendDelayMs(10000), receiver()),
            pair(receiver(), sender().sendDelayMs(5000)),
            pair(receiver(), sender().sendDelayMs(10000)));

    private static final List<BehaviorPair> MODE1 = List.of(
            pair(sender(), receiver().ttl(7).portsRange(10)),
            pair(sender().sendDelayMs(2000), receiver().ttl(7).portsRange(10)),
            pair(sender(), receiver().ttl(4).portsRange(10)),
            pair(sender().sendDelayMs(2000), receiver().ttl(4).portsRange(10)),
            pair(sender(), receiver().portsRange(10)),
            pair(sender().sendDelayMs(2000), receiver().portsRange(10)));

    private static final List<BehaviorPair> MODE2 = List.of(
            pair(sender().portsRandom(1000).sendDelayMs(3000), receiver().listenRandomPorts(256).ttl(7)),
            pair(sender().portsRandom(1000).sendDelayMs(3000), receiver().listenRandomPorts(256).ttl(4)),
            pair(sender().portsRandom(1000).sendDelayMs(3000), receiver().listenRandomPorts(256)));

    private static final List<BehaviorPair> MODE3 = List.of(
            pair(sender().portsRange(10), receiver().ttl(7).portsRange(10)),
            pair(sender().portsRange(10), receiver().ttl(4).portsRange(10)),
            pair(sender().portsRange(10), receiver().portsRange(10)),
            pair(receiver().ttl(7).portsRange(10), sender().portsRange(10)),
            pair(receiver().ttl(4).portsRange(10), sender().portsRange(10)),
            pair(receiver().portsRange(10), sender().portsRange(10)));

    // frp's comment says sendDelayMs 2000 here; its values are 3000, and the values are what it sends.
    private static final List<BehaviorPair> MODE4 = List.of(
            pair(sender().portsRandom(1000).sendDelayMs(3000), receiver().listenRandomPorts(256).ttl(7).portsRange(2)),
            pair(sender().portsRandom(1000).sendDelayMs(3000), receiver().listenRandomPorts(256).ttl(4).portsRange(2)),
            pair(sender().portsRandom(1000).sendDelayMs(3000), receiver().listenRandomPorts(256).portsRange(2)));

    private PunchModes() {
    }

    /** The pairs of {@code mode}; an unknown mode gets mode 0's, as in frp. */
    public static List<BehaviorPair> pairs(int mode) {
        return switch (mode) {
            case 1 -> MODE1;
            case 2 -> MODE2;
            case 3 -> MODE3;
            case 4 -> MODE4;
            default -> MODE0;
        };
    }

    /** The pair at {@code index} of {@code mode}, or null past the end (frp returns empty behaviours). */
    public static BehaviorPair pair(int mode, int index) {
        List<BehaviorPair> pairs = pairs(mode);
        return index >= 0 && index < pairs.size() ? pairs.get(index) : null;
    }

    private static BehaviorPair pair(PunchBehavior a, PunchBehavior b) {
        return new BehaviorPair(a, b);
    }
}
