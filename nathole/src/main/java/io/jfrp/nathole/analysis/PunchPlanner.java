package io.jfrp.nathole.analysis;

import io.jfrp.nathole.HostPort;
import io.jfrp.nathole.NatClassifier;
import io.jfrp.nathole.NatFeature;
import io.jfrp.protocol.msg.NatHoleClient;
import io.jfrp.protocol.msg.NatHoleDetectBehavior;
import io.jfrp.protocol.msg.NatHoleResp;
import io.jfrp.protocol.msg.NatHoleVisitor;
import io.jfrp.protocol.msg.PortsRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a visitor's and a proxy client's addresses into the two NatHoleResp messages, as frp's
 * {@code Controller.analysis} and {@code newNatHoleResponse}:
 * <ol>
 * <li>classify both NATs, each against its own assisted addresses (its local IPs);</li>
 * <li>ask the {@link PunchAnalyzer} for the best behaviour pair under the pair's analysis key;</li>
 * <li>timeout base = the larger send delay + 5000 ms, + 30000 ms when either side listens on random
 *     ports; each side's {@code read_timeout} is the base minus its own send delay;</li>
 * <li>each side gets the peer's mapped addresses as candidates and the peer's assisted addresses
 *     (consecutive duplicates removed), the protocol the visitor asked for, and, when its behaviour
 *     probes a port range, one range around the peer's last mapped port: ± (the peer's port
 *     difference + 5), at most ± the behaviour's range number, within 1 to 65535.</li>
 * </ol>
 * Thread-safe (the analyzer is).
 */
public final class PunchPlanner {
    /** What every side gets on top of the send delays. */
    public static final int BASE_TIMEOUT_MS = 5000;
    /** Extra time when a side listens on random ports (256 sockets take a while). */
    public static final int RANDOM_LISTEN_EXTRA_MS = 30000;

    private final PunchAnalyzer analyzer;

    public PunchPlanner(PunchAnalyzer analyzer) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
    }

    /**
     * Plans session {@code sid}.
     *
     * @throws IllegalArgumentException with frp's message ("classify client nat feature error: ...")
     *                                  when a side's addresses cannot be classified
     */
    public PunchPlan plan(String sid, NatHoleVisitor visitor, NatHoleClient client) {
        NatFeature clientFeature = classify("client", client.mappedAddrs(), client.assistedAddrs());
        NatFeature visitorFeature = classify("visitor", visitor.mappedAddrs(), visitor.assistedAddrs());
        String key = AnalysisKey.of(visitor.mappedAddrs(), visitorFeature, client.mappedAddrs(), clientFeature);
        Recommendation r = analyzer.recommend(key, clientFeature, visitorFeature);

        int timeoutMs = Math.max(r.client().sendDelayMs(), r.visitor().sendDelayMs()) + BASE_TIMEOUT_MS;
        if (r.client().listenRandomPorts() > 0 || r.visitor().listenRandomPorts() > 0) {
            timeoutMs += RANDOM_LISTEN_EXTRA_MS;
        }
        String protocol = visitor.protocol();
        NatHoleResp toVisitor = response(visitor.transactionId(), sid, protocol, r.mode(), client.mappedAddrs(),
                client.assistedAddrs(), r.visitor(), timeoutMs - r.visitor().sendDelayMs(),
                clientFeature.portsDifference());
        NatHoleResp toClient = response(client.transactionId(), sid, protocol, r.mode(), visitor.mappedAddrs(),
                visitor.assistedAddrs(), r.client(), timeoutMs - r.client().sendDelayMs(),
                visitorFeature.portsDifference());
        return new PunchPlan(sid, key, r, clientFeature, visitorFeature, toClient, toVisitor);
    }

    private static NatFeature classify(String side, List<String> mapped, List<String> assisted) {
        try {
            return NatClassifier.classify(mapped, ips(assisted));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("classify " + side + " nat feature error: " + e.getMessage(), e);
        }
    }

    private static NatHoleResp response(String transactionId, String sid, String protocol, int mode,
                                        List<String> candidates, List<String> assisted, PunchBehavior b,
                                        int readTimeoutMs, int portsDifference) {
        var behavior = new NatHoleDetectBehavior(b.role().wireName(), mode, b.ttl(), b.sendDelayMs(), readTimeoutMs,
                rangePorts(candidates, portsDifference, b.portsRangeNumber()), b.portsRandomNumber(),
                b.listenRandomPorts());
        return new NatHoleResp(transactionId, sid, protocol, compact(candidates), compact(assisted), behavior, "");
    }

    /** frp's {@code getRangePorts}: one range around the last address's port, or none. */
    static List<PortsRange> rangePorts(List<String> addrs, int difference, int maxNumber) {
        if (maxNumber <= 0 || addrs.isEmpty()) {
            return List.of();
        }
        int port;
        try {
            port = HostPort.parse(addrs.get(addrs.size() - 1)).port();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        int from = Math.max(Math.max(port - difference - 5, port - maxNumber), 1);
        int to = Math.min(Math.min(port + difference + 5, port + maxNumber), 65535);
        return List.of(new PortsRange(from, to));
    }

    /** Go's {@code slices.Compact}: consecutive duplicates removed. */
    static List<String> compact(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /** frp's {@code parseIPs}: the hosts of the addresses that split. */
    static List<String> ips(List<String> addrs) {
        List<String> out = new ArrayList<>(addrs.size());
        for (String a : addrs) {
            try {
                out.add(HostPort.parse(a).host());
            } catch (IllegalArgumentException e) {
                // skipped, as frp does
            }
        }
        return out;
    }
}
