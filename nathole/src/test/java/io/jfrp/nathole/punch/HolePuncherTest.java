package io.jfrp.nathole.punch;

import io.jfrp.nathole.NatHoleException;
import io.jfrp.nathole.NatHoleIds;
import io.jfrp.protocol.msg.NatHoleDetectBehavior;
import io.jfrp.protocol.msg.NatHoleResp;
import io.jfrp.protocol.msg.NatHoleSid;
import io.jfrp.protocol.msg.PortsRange;
import io.jfrp.testkit.Patience;
import io.jfrp.testkit.RequiredTools;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.epoll.Epoll;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import static io.jfrp.testkit.Patience.WAIT_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The punching engine on real UDP sockets over loopback: sender and receiver behaviour, extra
 * sockets, sweeps, TTL, skipping, timeout, cancellation, ownership. Peers in these tests sit on
 * 127.0.0.77 so that sweeps touch no one else's 127.0.0.1 sockets.
 */
class HolePuncherTest {
    private static final String KEY = "sk-test";
    private static final String PEER_IP = "127.0.0.77";

    private UdpSockets sockets;
    private HolePuncher puncher;
    private final ProbeCodec codec = ProbeCodec.forSecret(KEY);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void setUp() {
        sockets = UdpSockets.create();
        puncher = new HolePuncher(sockets);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        sockets.close();
    }

    private DatagramChannel prepared() throws Exception {
        DatagramChannel ch = sockets.bind(UdpSockets.ANY_IPV4, null, new ChannelInboundHandlerAdapter(), false)
                .sync().getNow();
        closeables.add(() -> ch.close().sync());
        return ch;
    }

    private ProbePeer peer() throws Exception {
        ProbePeer p = new ProbePeer(PEER_IP, codec);
        closeables.add(p);
        return p;
    }

    /** Starts a punch from {@code prepared} in session "S" whose one candidate is {@code peer}. */
    private Future<PunchResult> punchToward(DatagramChannel prepared, ProbePeer peer, NatHoleDetectBehavior behaviour) {
        return puncher.punch(prepared, resp("S", List.of(peer.hostPort()), behaviour), KEY);
    }

    /** As {@link #punchToward(DatagramChannel, ProbePeer, NatHoleDetectBehavior)}, from a new prepared socket. */
    private Future<PunchResult> punchToward(ProbePeer peer, NatHoleDetectBehavior behaviour) throws Exception {
        return punchToward(prepared(), peer, behaviour);
    }

    private static int port(DatagramChannel ch) {
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    static NatHoleResp resp(String sid, List<String> candidates, NatHoleDetectBehavior b) {
        return new NatHoleResp("t", sid, "kcp", candidates, List.of(), b, "");
    }

    static NatHoleDetectBehavior sender(int delay, int timeout, int sendRandom) {
        return new NatHoleDetectBehavior("sender", 0, 0, delay, timeout, List.of(), sendRandom, 0);
    }

    static NatHoleDetectBehavior receiver(int ttl, int timeout, List<PortsRange> ranges, int listenRandom) {
        return new NatHoleDetectBehavior("receiver", 0, ttl, 0, timeout, ranges, 0, listenRandom);
    }

    @Test
    void twoEnginesPunchEachOtherAndTheHoleCarriesData() throws Exception {
        DatagramChannel a = prepared();
        DatagramChannel b = prepared();
        Future<PunchResult> receiver = puncher.punch(b, resp("S", List.of("127.0.0.1:" + port(a)),
                receiver(7, WAIT_MILLIS, List.of(), 0)), KEY);
        Future<PunchResult> sender = puncher.punch(a, resp("S", List.of("127.0.0.1:" + port(b)),
                sender(0, WAIT_MILLIS, 0)), KEY);
        PunchResult rs = sender.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        PunchResult rr = receiver.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(rs.channel()).isSameAs(a);
        assertThat(rs.peer()).isEqualTo(new InetSocketAddress("127.0.0.1", port(b)));
        assertThat(rr.channel()).isSameAs(b);
        assertThat(rr.peer()).isEqualTo(new InetSocketAddress("127.0.0.1", port(a)));
        assertThat(rr.sockets()).isEqualTo(1);
        assertThat(a.pipeline().names()).noneMatch(n -> n.contains("ProbeReader"));
        if (IpTtl.supported(b)) {
            DatagramChannel fresh = prepared();
            int defaultTtl = b.eventLoop().submit(() -> IpTtl.get(fresh)).get();
            assertThat(b.eventLoop().submit(() -> IpTtl.get(b)).get()).isEqualTo(defaultTtl);
        }
        // The hole carries the tunnel's datagrams, also once connected to the peer as frp does for KCP.
        CompletableFuture<String> atB = new CompletableFuture<>();
        b.pipeline().addLast(collect(atB));
        a.connect(rs.peer()).sync();
        a.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer("over the hole", StandardCharsets.UTF_8), rs.peer()));
        assertThat(atB.get(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("over the hole");
        assertThat(a.isConnected()).isTrue();
    }

    @Test
    void aReceiverProbesFromItsExtraSocketsAndWinsWithTheOneThatWasReached() throws Exception {
        ProbePeer peer = peer();
        DatagramChannel prepared = prepared();
        Future<PunchResult> punch = punchToward(prepared, peer, receiver(0, WAIT_MILLIS, List.of(), 3));
        List<ProbePeer.Received> probes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            probes.add(peer.receive(WAIT_MILLIS));
        }
        assertThat(peer.receive(200)).isNull();
        Set<Integer> ports = new HashSet<>();
        for (ProbePeer.Received r : probes) {
            assertThat(r.probe().sid()).isEqualTo("S");
            assertThat(r.probe().response()).isFalse();
            assertThat(r.probe().transactionId()).matches("\\d{10}[0-9a-f]{16}")
                    .isEqualTo(probes.get(0).probe().transactionId());
            assertThat(r.probe().nonce()).matches("0{0,19}");
            ports.add(r.from().getPort());
        }
        assertThat(ports).hasSize(4).contains(port(prepared));
        InetSocketAddress chosen = probes.stream().map(ProbePeer.Received::from)
                .filter(f -> f.getPort() != port(prepared)).findFirst().orElseThrow();
        peer.send(new NatHoleSid("peer-tx", "S", false, "0000"), new InetSocketAddress(PEER_IP, chosen.getPort()));
        PunchResult r = punch.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(port(r.channel())).isEqualTo(chosen.getPort());
        assertThat(r.sockets()).isEqualTo(4);
        ProbePeer.Received answer = peer.receive(WAIT_MILLIS);
        assertThat(answer.probe()).isEqualTo(new NatHoleSid("peer-tx", "S", true, "0000"));
        assertThat(answer.from().getPort()).isEqualTo(chosen.getPort());
        // Every other socket is closed, the prepared one included: their ports are free again.
        assertThat(prepared.isOpen()).isFalse();
        for (int p : ports) {
            if (p != chosen.getPort()) {
                assertThat(portFreesUp(p)).as("port %d released", p).isTrue();
            }
        }
        r.channel().close().sync();
    }

    @Test
    void aSenderIgnoresRequestsAndWinsOnTheResponse() throws Exception {
        ProbePeer peer = peer();
        DatagramChannel prepared = prepared();
        Future<PunchResult> punch = punchToward(prepared, peer, sender(0, WAIT_MILLIS, 0));
        ProbePeer.Received probe = peer.receive(WAIT_MILLIS);
        assertThat(probe.from().getPort()).isEqualTo(port(prepared));
        peer.send(new NatHoleSid("x", "S", false, ""), probe.from());
        assertThat(punch.await(300, TimeUnit.MILLISECONDS)).isFalse();
        peer.send(new NatHoleSid(probe.probe().transactionId(), "S", true, probe.probe().nonce()), probe.from());
        PunchResult r = punch.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(r.peer()).isEqualTo(peer.address());
        assertThat(r.probesSent()).isEqualTo(1);
        assertThat(peer.receive(200)).isNull(); // a sender does not answer
    }

    @Test
    void noiseOtherKeysAndOtherSessionsAreSkipped() throws Exception {
        ProbePeer peer = peer();
        Future<PunchResult> punch = punchToward(peer, receiver(0, WAIT_MILLIS, List.of(), 0));
        InetSocketAddress engine = peer.receive(WAIT_MILLIS).from();
        peer.send("noise".getBytes(StandardCharsets.UTF_8), engine);
        peer.send(new byte[2000], engine);
        peer.send(ProbeCodec.forSecret("wrong").encode(new NatHoleSid("x", "S", false, ""), new byte[16]), engine);
        peer.send(new NatHoleSid("x", "OTHER", false, ""), engine);
        assertThat(punch.await(300, TimeUnit.MILLISECONDS)).isFalse();
        peer.send(new NatHoleSid("x", "S", false, "00"), engine);
        assertThat(punch.get(WAIT_MILLIS, TimeUnit.MILLISECONDS).peer()).isEqualTo(peer.address());
    }

    @Test
    void silenceFailsAfterTheReadTimeoutAndClosesTheSocket() throws Exception {
        ProbePeer peer = peer();
        DatagramChannel prepared = prepared();
        long start = System.nanoTime();
        Future<PunchResult> punch = punchToward(prepared, peer, sender(0, 400, 0));
        assertThat(punch.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
        assertThat(punch.cause()).isInstanceOf(NatHoleException.class)
                .hasMessageStartingWith("wait detect message timeout: no probe from the peer within 400 ms")
                .hasMessageContaining("sid S, mode 0, sender; 1 probes sent from 1 socket(s), 0 datagram(s) skipped");
        assertThat(prepared.closeFuture().await(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
    }

    /** frp resets its read deadline on every datagram; ours is fixed, so noise cannot keep a punch alive. */
    @Test
    void noiseDoesNotExtendTheReadTimeout() throws Exception {
        ProbePeer peer = peer();
        Future<PunchResult> punch = punchToward(peer, receiver(0, 500, List.of(), 0));
        InetSocketAddress engine = peer.receive(WAIT_MILLIS).from();
        int sent = 0;
        while (!punch.isDone() && sent < 100) {
            peer.send(("noise " + sent++).getBytes(StandardCharsets.UTF_8), engine);
            punch.await(50, TimeUnit.MILLISECONDS);
        }
        assertThat(punch.isDone()).as("failed while noise was still arriving").isTrue();
        assertThat(sent).isLessThan(100);
        assertThat(punch.cause()).hasMessageContaining("within 500 ms").hasMessageContaining("datagram(s) skipped")
                .hasMessageNotContaining(" 0 datagram(s) skipped");
    }

    @Test
    void cancellingClosesEverySocket() throws Exception {
        ProbePeer peer = peer();
        DatagramChannel prepared = prepared();
        Future<PunchResult> punch = punchToward(prepared, peer, receiver(0, WAIT_MILLIS, List.of(), 2));
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            ports.add(peer.receive(WAIT_MILLIS).from().getPort());
        }
        assertThat(punch.cancel(false)).isTrue();
        assertThat(prepared.closeFuture().await(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        for (int p : ports) {
            assertThat(portFreesUp(p)).as("port %d released", p).isTrue();
        }
    }

    @Test
    void aRangeIsSweptFromEverySocket() throws Exception {
        ProbePeer peer = peer();
        int p = peer.address().getPort();
        DatagramChannel prepared = prepared();
        Future<PunchResult> punch = puncher.punch(prepared, resp("S", List.of(PEER_IP + ":" + p),
                receiver(0, WAIT_MILLIS, List.of(new PortsRange(Math.max(1, p - 2), Math.min(65535, p + 2))), 2)), KEY);
        Set<Integer> from = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            from.add(peer.receive(WAIT_MILLIS).from().getPort());
        }
        // Only the range reaches the peer (a receiver with a range skips the plain candidate probe).
        assertThat(peer.receive(300)).isNull();
        assertThat(from).hasSize(3);
        punch.cancel(false);
    }

    @Test
    void randomPortsAreDrawnWithoutRepeatsAsFrp() throws Exception {
        ProbePeer detect = peer();
        List<ProbePeer> targets = List.of(peer(), peer(), peer());
        Queue<Integer> draws = new ArrayDeque<>();
        int first = targets.get(0).address().getPort();
        draws.add(first - 1024);
        draws.add(first - 1024); // repeated: drawn again
        draws.add(targets.get(1).address().getPort() - 1024);
        draws.add(targets.get(2).address().getPort() - 1024);
        RandomGenerator scripted = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public int nextInt(int bound) {
                return bound == 65535 - 1024 ? draws.remove() : 0;
            }
        };
        HolePuncher scriptedPuncher = new HolePuncher(sockets, PunchLimits.defaults(), scripted, new NatHoleIds());
        DatagramChannel prepared = prepared();
        Future<PunchResult> punch = scriptedPuncher.punch(prepared, resp("S", List.of(detect.hostPort()),
                sender(0, WAIT_MILLIS, 3)), KEY);
        assertThat(detect.receive(WAIT_MILLIS).probe().nonce()).isEmpty();
        for (ProbePeer t : targets) {
            ProbePeer.Received r = t.receive(WAIT_MILLIS);
            assertThat(r).isNotNull();
            assertThat(r.from().getPort()).isEqualTo(port(prepared));
            assertThat(t.receive(100)).isNull();
        }
        assertThat(draws).isEmpty();
        punch.cancel(false);
    }

    @Test
    void theReceiversTtlIsSetWhileProbingAndRestoredAfter() throws Exception {
        if (!Epoll.isAvailable()) {
            RequiredTools.missing("IP TTL needs Netty's epoll transport (Linux): " + Epoll.unavailabilityCause());
        }
        ProbePeer peer = peer();
        DatagramChannel prepared = prepared();
        int defaultTtl = prepared.eventLoop().submit(() -> IpTtl.get(prepared)).get();
        Future<PunchResult> punch = punchToward(prepared, peer, receiver(3, WAIT_MILLIS, List.of(), 0));
        InetSocketAddress engine = peer.receive(WAIT_MILLIS).from();
        assertThat(prepared.eventLoop().submit(() -> IpTtl.get(prepared)).get()).isEqualTo(3);
        peer.send(new NatHoleSid("x", "S", false, ""), engine);
        PunchResult r = punch.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(r.channel().eventLoop().submit(() -> IpTtl.get(r.channel())).get()).isEqualTo(defaultTtl);
    }

    @Test
    void onNioTheProbesGoAtTheDefaultTtl() throws Exception {
        var nio = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            UdpSockets nioSockets = UdpSockets.on(nio);
            assertThat(nioSockets.canSetTtl()).isFalse();
            DatagramChannel prepared = nioSockets.bind(UdpSockets.ANY_IPV4, null, new ChannelInboundHandlerAdapter(),
                    false).sync().getNow();
            assertThat(IpTtl.supported(prepared)).isFalse();
            ProbePeer peer = peer();
            Future<PunchResult> punch = new HolePuncher(nioSockets).punch(prepared, resp("S",
                    List.of(peer.hostPort()), receiver(7, WAIT_MILLIS, List.of(), 0)), KEY);
            InetSocketAddress engine = peer.receive(WAIT_MILLIS).from();
            peer.send(new NatHoleSid("x", "S", false, ""), engine);
            PunchResult r = punch.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            r.channel().close().sync();
        } finally {
            nio.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void anInvalidResponseFailsAtOnceAndClosesTheSocket() throws Exception {
        DatagramChannel prepared = prepared();
        Future<PunchResult> punch = puncher.punch(prepared, new NatHoleResp("t", "", "", List.of(), List.of(), null,
                "xtcp connection of [p] auth failed"), KEY);
        assertThat(punch.cause()).hasMessage("natHoleRespMsg get error info: xtcp connection of [p] auth failed");
        assertThat(prepared.closeFuture().await(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void aSenderWaitsItsDelayBeforeTheFirstProbe() throws Exception {
        ProbePeer peer = peer();
        long start = System.nanoTime();
        Future<PunchResult> punch = punchToward(peer, sender(300, WAIT_MILLIS, 0));
        assertThat(peer.receive(WAIT_MILLIS)).isNotNull();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        punch.cancel(false);
    }

    /**
     * Whether the UDP port can be bound within {@link Patience#WAIT} (sockets close on the event loop,
     * after the caller sees it).
     */
    private static boolean portFreesUp(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Patience.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                new DatagramSocket(port).close();
                return true;
            } catch (java.net.SocketException e) {
                Thread.onSpinWait();
                Thread.sleep(10);
            }
        }
        return false;
    }

    private static ChannelInboundHandlerAdapter collect(CompletableFuture<String> into) {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf content = ((DatagramPacket) msg).content();
                into.complete(content.toString(StandardCharsets.UTF_8));
                ((DatagramPacket) msg).release();
            }
        };
    }
}
