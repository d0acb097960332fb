package io.jfrp.nathole.punch;

import io.jfrp.nathole.HostPort;
import io.jfrp.nathole.NatHoleException;
import io.jfrp.nathole.analysis.PunchRole;
import io.jfrp.protocol.msg.NatHoleDetectBehavior;
import io.jfrp.protocol.msg.NatHoleResp;
import io.jfrp.protocol.msg.PortsRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A NatHoleResp checked and turned into what the engine does (frp's {@code MakeHole} preamble):
 * <ul>
 * <li>a sender probes every assisted address, then every candidate address; a receiver probes the
 *     candidate addresses only when it has no candidate port range (consecutive duplicates dropped);</li>
 * <li>range and random-port probes go to each distinct candidate IP;</li>
 * <li>a read timeout of 0 means frp's default, 5 s.</li>
 * </ul>
 * Addresses that are not IPv4 literals are skipped, as frp's {@code ResolveUDPAddr("udp4", ...)}
 * fails on them (we never resolve names a server sends), and so are multicast, broadcast and
 * unspecified ones. Everything is checked against {@link PunchLimits}; a violation is a
 * {@link NatHoleException} naming the field and both values.
 *
 * @param sid               the session, carried by every probe
 * @param role              sender or receiver
 * @param mode              the server's mode, for logs
 * @param ttl               probes' IP TTL, 0 for the default
 * @param sendDelayMs       a sender's wait before probing
 * @param readTimeoutMs     how long to wait for the peer once probes are out
 * @param detectAddrs       addresses probed from every socket
 * @param candidateIps      IPs for range and random-port probes
 * @param candidatePorts    port ranges for each candidate IP
 * @param sendRandomPorts   random ports per socket and candidate IP
 * @param listenRandomPorts extra sockets a receiver opens
 */
public record PunchInstructions(String sid, PunchRole role, int mode, int ttl, int sendDelayMs, int readTimeoutMs,
                                List<InetSocketAddress> detectAddrs, List<InetAddress> candidateIps,
                                List<PortsRange> candidatePorts, int sendRandomPorts, int listenRandomPorts) {
    /** frp's read timeout when the server gives none. */
    public static final int DEFAULT_READ_TIMEOUT_MS = 5000;
    private static final Logger log = LoggerFactory.getLogger(PunchInstructions.class);

    public PunchInstructions {
        detectAddrs = List.copyOf(detectAddrs);
        candidateIps = List.copyOf(candidateIps);
        candidatePorts = List.copyOf(candidatePorts);
    }

    /** Sockets the punch uses: the prepared one plus a receiver's extra ones. */
    public int socketCount() {
        return 1 + (role == PunchRole.RECEIVER ? listenRandomPorts : 0);
    }

    /** Ports in all candidate ranges. */
    public int rangePortCount() {
        int n = 0;
        for (PortsRange r : candidatePorts) {
            n += r.to() - r.from() + 1;
        }
        return n;
    }

    /** The most probes this punch can send. */
    public long maxDatagrams() {
        long sockets = socketCount();
        long ips = candidateIps.size();
        return sockets * detectAddrs.size() + sockets * ips * rangePortCount() + sockets * ips * sendRandomPorts;
    }

    /**
     * Checks and converts a NatHoleResp, with frp's errors for a refused or empty one.
     *
     * @throws NatHoleException naming what is wrong
     */
    public static PunchInstructions from(NatHoleResp resp, PunchLimits limits) throws NatHoleException {
        if (!resp.error().isEmpty()) {
            throw new NatHoleException("natHoleRespMsg get error info: " + resp.error());
        }
        if (resp.candidateAddrs().isEmpty()) {
            throw new NatHoleException("natHoleRespMsg get empty candidate addresses");
        }
        if (resp.sid().isEmpty()) {
            throw new NatHoleException("natHoleRespMsg has no sid");
        }
        NatHoleDetectBehavior b = resp.detectBehavior();
        PunchRole role;
        try {
            role = PunchRole.fromWire(b.role());
        } catch (IllegalArgumentException e) {
            throw new NatHoleException("detect_behavior: " + e.getMessage());
        }
        range("detect_behavior.ttl", b.ttl(), 0, 255);
        range("detect_behavior.send_delay_ms", b.sendDelayMs(), 0, limits.maxSendDelay().toMillis());
        range("detect_behavior.read_timeout", b.readTimeoutMs(), 0, limits.maxReadTimeout().toMillis());
        range("detect_behavior.listen_random_ports", b.listenRandomPorts(), 0, limits.maxListenRandomPorts());
        range("detect_behavior.send_random_ports", b.sendRandomPorts(), 0, limits.maxSendRandomPorts());
        range("candidate_addrs (count)", resp.candidateAddrs().size(), 1, limits.maxAddresses());
        range("assisted_addrs (count)", resp.assistedAddrs().size(), 0, limits.maxAddresses());
        long rangePorts = 0;
        for (PortsRange r : b.candidatePorts()) {
            if (r.from() < 1 || r.to() > 65535 || r.from() > r.to()) {
                throw new NatHoleException("detect_behavior.candidate_ports: range " + r.from() + "-" + r.to()
                        + " is not within 1-65535 in order");
            }
            rangePorts += r.to() - r.from() + 1;
        }
        range("detect_behavior.candidate_ports (ports in all)", rangePorts, 0, limits.maxRangePorts());

        List<String> detect = new ArrayList<>();
        if (role == PunchRole.SENDER) {
            detect.addAll(resp.assistedAddrs());
            detect.addAll(resp.candidateAddrs());
        } else if (b.candidatePorts().isEmpty()) {
            detect.addAll(resp.candidateAddrs());
        }
        List<InetSocketAddress> detectAddrs = new ArrayList<>();
        String previous = null;
        for (String a : detect) {
            if (!a.equals(previous)) {
                InetSocketAddress isa = usable(a);
                if (isa != null) {
                    detectAddrs.add(isa);
                }
            }
            previous = a;
        }
        List<InetAddress> ips = new ArrayList<>();
        String previousIp = null;
        for (String a : resp.candidateAddrs()) {
            InetSocketAddress isa = usable(a);
            if (isa == null) {
                continue;
            }
            String ip = isa.getAddress().getHostAddress();
            if (!ip.equals(previousIp)) {
                ips.add(isa.getAddress());
            }
            previousIp = ip;
        }
        int readTimeout = b.readTimeoutMs() > 0 ? b.readTimeoutMs() : DEFAULT_READ_TIMEOUT_MS;
        var instructions = new PunchInstructions(resp.sid(), role, b.mode(), b.ttl(), b.sendDelayMs(), readTimeout,
                detectAddrs, ips, b.candidatePorts(), b.sendRandomPorts(), b.listenRandomPorts());
        range("probes to send in all", instructions.maxDatagrams(), 0, limits.maxDatagrams());
        return instructions;
    }

    /** The address if it is a usable IPv4 unicast literal; else null (logged). */
    private static InetSocketAddress usable(String address) {
        InetSocketAddress isa;
        try {
            isa = HostPort.parse(address).toInet4();
        } catch (IllegalArgumentException e) {
            log.debug("skipping punch address {}: {}", address, e.getMessage());
            return null;
        }
        InetAddress ip = isa.getAddress();
        byte[] b = ip.getAddress();
        boolean broadcast = (b[0] & b[1] & b[2] & b[3]) == (byte) 0xFF;
        if (ip.isMulticastAddress() || ip.isAnyLocalAddress() || broadcast || isa.getPort() == 0) {
            log.debug("skipping punch address {}: not a unicast address and port", address);
            return null;
        }
        return isa;
    }

    private static void range(String field, long value, long min, long max) throws NatHoleException {
        if (value < min || value > max) {
            throw new NatHoleException("NatHoleResp " + field + ": " + value + " is outside the accepted " + min
                    + " to " + max);
        }
    }
}
