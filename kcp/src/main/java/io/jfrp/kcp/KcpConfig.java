package io.jfrp.kcp;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a KCP session, named after kcp-go's setters. Immutable; the {@code frpXxx()} presets
 * are exactly what frp 0.70 configures (pkg/util/net/kcp.go, golib's net/dial.go), and the
 * {@code withXxx} methods derive a copy. Validated on construction.
 *
 * @param dataShards         FEC data shards per group (0 turns FEC off, with parityShards 0); frp: 10
 * @param parityShards       FEC parity shards per group; frp: 3
 * @param mtu                largest UDP payload, FEC header included (kcp-go caps it at 1500); frp: 1350
 * @param sendWindow         send window in segments; frp: 128 (frpc), 1024 (frps, xtcp)
 * @param receiveWindow      receive window in segments; frp: 512 (frpc), 1024 (frps, xtcp)
 * @param nodelay            kcp's nodelay flag: minimum RTO 30 ms and gentler backoff; frp: 1
 * @param interval           flush timer in ms, 10..5000; frp: 20
 * @param fastResend         fast retransmit after this many skipping acks, 0 off; frp: 2
 * @param noCongestionWindow true disables congestion control (kcp's nc); frp: true
 * @param streamMode         byte stream (writes coalesce into segments, no message boundaries); frp: true
 * @param writeDelay         leave written data to the next timer flush instead of flushing per write; frp: true
 * @param ackNoDelay         flush acks as soon as a packet arrives; frp: false
 * @param idleTimeout        a session that receives no packet for this long is closed (KCP has no keepalive
 *                           of its own; frp's yamux pings every 10 s to 30 s); zero disables
 * @param maxSessions        a listener's limit on live sessions; packets that would open one more are dropped
 */
public record KcpConfig(int dataShards, int parityShards, int mtu, int sendWindow, int receiveWindow,
                        int nodelay, int interval, int fastResend, boolean noCongestionWindow,
                        boolean streamMode, boolean writeDelay, boolean ackNoDelay, Duration idleTimeout,
                        int maxSessions) {
    /** kcp-go's mtuLimit: no packet is larger. */
    public static final int MTU_LIMIT = 1500;
    /** Idle timeout of the presets: four times frpc's 30 s yamux keepalive. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);
    /** Session limit of the presets for a listener. */
    public static final int DEFAULT_MAX_SESSIONS = 1024;

    public KcpConfig {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if ((dataShards == 0) != (parityShards == 0) || dataShards < 0 || parityShards < 0
                || dataShards + parityShards > 255) {
            throw new IllegalArgumentException("FEC shards must both be 0 (off) or both positive, at most 255 in "
                    + "all; got dataShards=" + dataShards + " parityShards=" + parityShards);
        }
        int header = dataShards > 0 ? FecHeader.DATA_OFFSET : 0;
        if (mtu < 50 || mtu > MTU_LIMIT || mtu - header - KcpSegment.OVERHEAD <= 0) {
            throw new IllegalArgumentException("mtu must be in [50, " + MTU_LIMIT + "], got " + mtu);
        }
        if (sendWindow <= 0 || sendWindow > 65535 || receiveWindow <= 0 || receiveWindow > 65535) {
            throw new IllegalArgumentException("windows must be in [1, 65535] segments, got send=" + sendWindow
                    + " receive=" + receiveWindow);
        }
        if (interval < 10 || interval > 5000) {
            throw new IllegalArgumentException("interval must be in [10, 5000] ms, got " + interval);
        }
        if (nodelay < 0 || fastResend < 0) {
            throw new IllegalArgumentException("nodelay and fastResend must be >= 0, got nodelay=" + nodelay
                    + " fastResend=" + fastResend);
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must be >= 0, got " + idleTimeout);
        }
        if (maxSessions <= 0) {
            throw new IllegalArgumentException("maxSessions must be positive, got " + maxSessions);
        }
    }

    /** frpc's {@code transport.protocol = "kcp"} dial: windows 128/512. */
    public static KcpConfig frpClient() {
        return frp(128, 512);
    }

    /** frps's kcpBindPort listener: windows 1024/1024. */
    public static KcpConfig frpServer() {
        return frp(1024, 1024);
    }

    /** Both ends of an xtcp tunnel over KCP (conv 1): windows 1024/1024. */
    public static KcpConfig frpXtcp() {
        return frp(1024, 1024);
    }

    private static KcpConfig frp(int snd, int rcv) {
        return new KcpConfig(10, 3, 1350, snd, rcv, 1, 20, 2, true, true, true, false,
                DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_SESSIONS);
    }

    public KcpConfig withFec(int data, int parity) {
        return new KcpConfig(data, parity, mtu, sendWindow, receiveWindow, nodelay, interval, fastResend,
                noCongestionWindow, streamMode, writeDelay, ackNoDelay, idleTimeout, maxSessions);
    }

    public KcpConfig withWindows(int send, int receive) {
        return new KcpConfig(dataShards, parityShards, mtu, send, receive, nodelay, interval, fastResend,
                noCongestionWindow, streamMode, writeDelay, ackNoDelay, idleTimeout, maxSessions);
    }

    public KcpConfig withIdleTimeout(Duration timeout) {
        return new KcpConfig(dataShards, parityShards, mtu, sendWindow, receiveWindow, nodelay, interval,
                fastResend, noCongestionWindow, streamMode, writeDelay, ackNoDelay, timeout, maxSessions);
    }

    public KcpConfig withMaxSessions(int max) {
        return new KcpConfig(dataShards, parityShards, mtu, sendWindow, receiveWindow, nodelay, interval,
                fastResend, noCongestionWindow, streamMode, writeDelay, ackNoDelay, idleTimeout, max);
    }

    public KcpConfig withWriteDelay(boolean delay) {
        return new KcpConfig(dataShards, parityShards, mtu, sendWindow, receiveWindow, nodelay, interval,
                fastResend, noCongestionWindow, streamMode, delay, ackNoDelay, idleTimeout, maxSessions);
    }

    boolean fec() {
        return dataShards > 0;
    }
}
