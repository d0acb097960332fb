package io.jfrp.nathole.punch;

import io.jfrp.nathole.NatHoleException;
import io.jfrp.nathole.analysis.PunchRole;
import io.jfrp.protocol.msg.NatHoleSid;
import io.jfrp.protocol.msg.PortsRange;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * One punch on one side, frp's {@code MakeHole} as a state machine on the prepared socket's event
 * loop.
 *
 * <h3>Phases</h3>
 * <ol>
 * <li>A sender waits {@code send_delay_ms}; a receiver opens {@code listen_random_ports} extra
 *     sockets on random ports (a socket that cannot be opened is skipped, as in frp).</li>
 * <li>Every socket probes every detect address at once, then the candidate port ranges of every
 *     candidate IP, one probe every 2 ms, socket after socket.</li>
 * <li>Each socket probes {@code send_random_ports} random ports (1024 to 65534, not repeating) of
 *     every candidate IP, every 15 ms, all sockets at the same time; and the read timeout starts.</li>
 * </ol>
 * All along, every socket reads: datagrams that do not decode or carry another sid are skipped. A
 * receiver answers the first request with the same NatHoleSid marked {@code response} (at the
 * default TTL) and has won; a sender ignores requests and wins with the first response. The first
 * socket to win ends the punch: sweeps stop, the other sockets close, the winner is handed over.
 * If the read timeout passes first, or the punch is cancelled, every socket closes, the prepared
 * one included.
 *
 * <h3>TTL</h3>
 * With a {@code ttl}, each socket's IP TTL is set before its first probe and restored before an
 * answer and on the winner. On a socket that cannot set it (NIO) probes go at the default TTL, as
 * frp does when {@code SetTTL} fails, with one log line.
 *
 * <h3>Threading</h3>
 * Everything runs on {@link #loop}; every socket is registered with it.
 */
final class PunchAttempt {
    private static final Logger log = LoggerFactory.getLogger(PunchAttempt.class);
    /** frp's pause between range probes. */
    static final long RANGE_INTERVAL_MICROS = 2_000;
    /** frp's pause between random-port probes. */
    static final long RANDOM_INTERVAL_MICROS = 15_000;
    /** frp's random ports: 1024 to 65534. */
    static final int RANDOM_PORT_MIN = 1024;
    static final int RANDOM_PORT_BOUND = 65535;
    /** How often frp tries to draw an unused random port before giving up on one probe. */
    private static final int RANDOM_PORT_TRIES = 10;
    /** Longest nonce: 0 to 19 "0" characters. */
    private static final int NONCE_BOUND = 20;

    private final UdpSockets sockets;
    private final DatagramChannel primary;
    private final EventLoop loop;
    private final PunchInstructions plan;
    private final ProbeCodec codec;
    private final String transactionId;
    private final RandomGenerator random;
    private final Promise<PunchResult> promise;
    private final long startNanos = System.nanoTime();

    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<ProbeSweep<?>> sweeps = new ArrayList<>();
    /** Sockets whose TTL is set to the plan's, with their default TTL. */
    private final Map<DatagramChannel, Integer> defaultTtls = new HashMap<>();
    private ScheduledFuture<?> timer;
    private int probesSent;
    private int skipped;
    private boolean ttlWarned;

    PunchAttempt(UdpSockets sockets, DatagramChannel primary, PunchInstructions plan, ProbeCodec codec,
                 String transactionId, RandomGenerator random, Promise<PunchResult> promise) {
        this.sockets = sockets;
        this.primary = primary;
        this.loop = primary.eventLoop();
        this.plan = plan;
        this.codec = codec;
        this.transactionId = transactionId;
        this.random = random;
        this.promise = promise;
    }

    /** Starts the punch; on the event loop. */
    void start() {
        assert loop.inEventLoop();
        promise.addListener(f -> {
            if (!f.isSuccess()) {
                closeAll(null);
            }
        });
        if (!primary.isActive()) {
            promise.tryFailure(new NatHoleException("make hole error: the prepared socket is closed"));
            return;
        }
        channels.add(primary);
        primary.pipeline().addLast(new ProbeReader(primary));
        primary.config().setAutoRead(true);
        if (plan.role() == PunchRole.SENDER) {
            timer = loop.schedule(this::probe, plan.sendDelayMs(), TimeUnit.MILLISECONDS);
        } else if (plan.listenRandomPorts() > 0) {
            openExtraSockets();
        } else {
            probe();
        }
    }

    private void openExtraSockets() {
        int[] pending = {plan.listenRandomPorts()};
        for (int i = 0; i < plan.listenRandomPorts(); i++) {
            sockets.bind(UdpSockets.ANY_IPV4, loop, new ChannelInboundHandlerAdapter(), false).addListener(f -> {
                if (f.isSuccess()) {
                    DatagramChannel ch = (DatagramChannel) f.getNow();
                    if (promise.isDone()) {
                        ch.close();
                    } else {
                        channels.add(ch);
                        ch.pipeline().addLast(new ProbeReader(ch));
                        ch.config().setAutoRead(true);
                    }
                } else {
                    log.warn("listen random udp addr error: {}", f.cause().toString());
                }
                if (--pending[0] == 0 && !promise.isDone()) {
                    probe();
                }
            });
        }
    }

    /** Phase 2: detect addresses at once, then the paced range sweep. */
    private void probe() {
        if (promise.isDone()) {
            return;
        }
        for (InetSocketAddress addr : plan.detectAddrs()) {
            for (DatagramChannel ch : channels) {
                send(ch, addr);
            }
        }
        if (plan.candidatePorts().isEmpty()) {
            waitForPeer();
            return;
        }
        List<Target> targets = new ArrayList<>();
        for (DatagramChannel ch : channels) {
            for (InetAddress ip : plan.candidateIps()) {
                for (PortsRange range : plan.candidatePorts()) {
                    for (int port = range.from(); port <= range.to(); port++) {
                        targets.add(new Target(ch, new InetSocketAddress(ip, port)));
                    }
                }
            }
        }
        startSweep(targets, RANGE_INTERVAL_MICROS, this::waitForPeer);
    }

    /** Phase 3: random-port sweeps per socket, and the read timeout. */
    private void waitForPeer() {
        if (promise.isDone()) {
            return;
        }
        if (plan.sendRandomPorts() > 0) {
            for (DatagramChannel ch : channels) {
                startSweep(randomTargets(ch), RANDOM_INTERVAL_MICROS, () -> { });
            }
        }
        timer = loop.schedule(() -> promise.tryFailure(new NatHoleException(String.format(
                "wait detect message timeout: no probe from the peer within %d ms (sid %s, mode %d, %s; %d probes"
                        + " sent from %d socket(s), %d datagram(s) skipped)", plan.readTimeoutMs(), plan.sid(),
                plan.mode(), plan.role().wireName(), probesSent, channels.size(), skipped))),
                plan.readTimeoutMs(), TimeUnit.MILLISECONDS);
    }

    private List<Target> randomTargets(DatagramChannel ch) {
        Set<Integer> used = new HashSet<>();
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < plan.sendRandomPorts(); i++) {
            int port = 0;
            for (int t = 0; t < RANDOM_PORT_TRIES && port == 0; t++) {
                int candidate = RANDOM_PORT_MIN + random.nextInt(RANDOM_PORT_BOUND - RANDOM_PORT_MIN);
                if (used.add(candidate)) {
                    port = candidate;
                }
            }
            if (port == 0) {
                continue;
            }
            for (InetAddress ip : plan.candidateIps()) {
                targets.add(new Target(ch, new InetSocketAddress(ip, port)));
            }
        }
        return targets;
    }

    private void startSweep(List<Target> targets, long intervalMicros, Runnable onDone) {
        ProbeSweep<Target> sweep = new ProbeSweep<>(loop, targets, intervalMicros, t -> send(t.channel, t.address),
                onDone);
        sweeps.add(sweep);
        sweep.start();
    }

    /** Sends one request probe, at the plan's TTL. */
    private void send(DatagramChannel ch, InetSocketAddress to) {
        if (promise.isDone() || !ch.isActive()) {
            return;
        }
        if (plan.ttl() > 0) {
            applyTtl(ch);
        }
        var probe = new NatHoleSid(transactionId, plan.sid(), false, "0".repeat(random.nextInt(NONCE_BOUND)));
        probesSent++;
        ch.writeAndFlush(new DatagramPacket(codec.encode(probe, ch.alloc()), to)).addListener(f -> {
            if (!f.isSuccess()) {
                log.trace("send sid message from {} to {} error: {}", ch.localAddress(), to, f.cause().toString());
            }
        });
    }

    private void applyTtl(DatagramChannel ch) {
        if (defaultTtls.containsKey(ch)) {
            return;
        }
        if (!IpTtl.supported(ch)) {
            if (!ttlWarned) {
                ttlWarned = true;
                log.info("probes go out with the default IP TTL instead of {}: {} cannot set it", plan.ttl(),
                        ch.getClass().getSimpleName());
            }
            return;
        }
        try {
            int original = IpTtl.get(ch);
            IpTtl.set(ch, plan.ttl());
            defaultTtls.put(ch, original);
        } catch (RuntimeException e) {
            log.debug("set ttl error on {}: {}", ch, e.toString());
        }
    }

    private void restoreTtl(DatagramChannel ch) {
        Integer original = defaultTtls.remove(ch);
        if (original != null) {
            try {
                IpTtl.set(ch, original);
            } catch (RuntimeException e) {
                log.debug("cannot restore the TTL of {}: {}", ch, e.toString());
            }
        }
    }

    /** A datagram on {@code ch}: maybe the peer. */
    private void received(DatagramChannel ch, DatagramPacket packet) {
        NatHoleSid m;
        try {
            m = codec.decode(packet.content());
        } catch (ProbeFormatException e) {
            skip(packet.sender(), e.getMessage());
            return;
        }
        if (!plan.sid().equals(m.sid())) {
            skip(packet.sender(), "sid " + m.sid() + ", expected " + plan.sid());
            return;
        }
        if (!m.response()) {
            if (plan.role() == PunchRole.SENDER) {
                return; // a sender waits for answers only
            }
            restoreTtl(ch);
            var answer = new NatHoleSid(m.transactionId(), m.sid(), true, m.nonce());
            ch.writeAndFlush(new DatagramPacket(codec.encode(answer, ch.alloc()), packet.sender()));
        }
        win(ch, packet.sender());
    }

    private void skip(InetSocketAddress from, String why) {
        skipped++;
        log.debug("sid {}: skipped a datagram from {}: {}", plan.sid(), from, why);
    }

    private void win(DatagramChannel ch, InetSocketAddress peer) {
        if (promise.isDone()) {
            return;
        }
        restoreTtl(ch);
        ch.pipeline().remove(ProbeReader.class);
        closeAll(ch);
        var result = new PunchResult(ch, peer, probesSent, channels.size(),
                Duration.ofNanos(System.nanoTime() - startNanos));
        if (!promise.trySuccess(result)) {
            ch.close(); // cancelled meanwhile
        }
    }

    /** Stops everything and closes every socket but {@code keep}. */
    private void closeAll(DatagramChannel keep) {
        assert loop.inEventLoop();
        if (timer != null) {
            timer.cancel(false);
        }
        for (ProbeSweep<?> s : sweeps) {
            s.cancel();
        }
        for (DatagramChannel ch : channels) {
            if (ch != keep) {
                ch.close();
            }
        }
        if (keep == null && !channels.contains(primary)) {
            primary.close();
        }
    }

    /** One probe's socket and destination. */
    private record Target(DatagramChannel channel, InetSocketAddress address) {
    }

    /** Reads one socket's datagrams into the attempt. */
    private final class ProbeReader extends SimpleChannelInboundHandler<DatagramPacket> {
        private final DatagramChannel channel;

        ProbeReader(DatagramChannel channel) {
            this.channel = channel;
        }

        /** The packet is released after this returns (SimpleChannelInboundHandler). */
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            if (!promise.isDone()) {
                received(channel, packet);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP errors and the like on one socket must not end the punch; the timeout does.
            log.debug("sid {}: error on {}: {}", plan.sid(), channel.localAddress(), cause.toString());
        }
    }
}
