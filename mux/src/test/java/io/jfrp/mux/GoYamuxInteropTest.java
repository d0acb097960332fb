package io.jfrp.mux;

import io.jfrp.testkit.Patience;
import io.jfrp.testkit.Progress;
import io.jfrp.testkit.RequiredTools;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelOutputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Interoperability with an independent yamux implementation: a Go program built against Debian's
 * packaged hashicorp/yamux (a 2019 snapshot, the version older frp uses), see
 * {@code src/test/go/yamuxpeer/main.go}. Skipped when Go or the yamux package is missing, except on
 * CI ({@code CI=true}), where that is a failure.
 *
 * <p>The old Go library mishandles reads after its own FIN (PROTOCOL.md section 1), so in every
 * scenario the Go side is the one that receives the first FIN.
 *
 * <p>The Go peer's stdout and stderr are kept in {@code target/go-yamux-interop/}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // an outer cap: waits end when progress stops (Patience.WAIT)
class GoYamuxInteropTest {
    private static final int STREAMS = 200;
    /**
     * Keepalive and ping timeouts on both sides: a hang detector, not a measurement. Pings go out every
     * 100-200 ms during transfers of some 60 MB; on a loaded machine an answer behind that data took more
     * than the 5 s (ours) and 10 s (Go's) they had, and the session closed mid-test.
     */
    private static final Duration PING_TIMEOUT = Patience.WAIT;
    private static final String GO_PING_TIMEOUT = PING_TIMEOUT.toSeconds() + "s";
    private static final Pattern STREAM_LINE = Pattern.compile("STREAM (\\d+) (\\d+) ([0-9a-f]{64}) OK");
    private static final Pattern SERVED_LINE = Pattern.compile("SERVED (\\d+) ([0-9a-f]{64})");
    private static final Pattern PING_LINE = Pattern.compile("PING ok (\\d+)ns");

    private static Path moduleDir;
    private static Path logDir;
    private static Path peerBinary;
    private static EventLoopGroup group;

    @BeforeAll
    static void buildPeer() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        // Surefire runs in the module directory; tolerate a run from the repository root too.
        moduleDir = Files.isRegularFile(cwd.resolve("src/test/go/build.sh")) ? cwd : cwd.resolve("mux");
        Path buildScript = moduleDir.resolve("src/test/go/build.sh");
        assertThat(buildScript).as("Go peer build script").isRegularFile();
        logDir = Files.createDirectories(moduleDir.resolve("target/go-yamux-interop"));
        peerBinary = moduleDir.resolve("target/yamuxpeer");

        Path buildLog = logDir.resolve("build.log");
        Process build = new ProcessBuilder("bash", buildScript.toString(), peerBinary.toString())
                .directory(moduleDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(buildLog.toFile())
                .start();
        int rc;
        try {
            if (!build.waitFor(3, TimeUnit.MINUTES)) {
                Assertions.fail("building the Go yamux peer took more than 3 minutes; see " + buildLog);
            }
            rc = build.exitValue();
        } finally {
            build.destroyForcibly();
        }
        String output = Files.readString(buildLog).strip();
        if (rc == 3) {
            String reason = "Go yamux peer cannot be built (prerequisite missing): " + output;
            RequiredTools.missing(reason);
        }
        assertThat(rc).as("build.sh exit status; output:\n%s", output).isZero();
        assertThat(peerBinary).isExecutable();

        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void shutdown() {
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    // ------------------------------------------------------------------------------------- tests

    /** Their client, our server: 200 concurrent framed echo streams plus Go pings and keepalive. */
    @Test
    void goClientAgainstOurServer(TestInfo info) throws Exception {
        goClientAgainstOurServer(info, false);
    }

    /**
     * As {@link #goClientAgainstOurServer}, but the echo handler applies the usual Netty
     * backpressure: it stops reading while the stream is not writable and resumes in
     * {@code channelWritabilityChanged}. That event fires from inside the session's frame writing
     * ({@code ChannelOutboundBuffer.removeBytes} in {@code YamuxStreamChannel.writeFrame}), and the
     * read it resumes sends a WindowUpdate at once; before the Data frame was written whole ahead of
     * {@code removeBytes}, that WindowUpdate landed between a Data header and its payload
     * ({@link FrameSniffer#outboundViolation} reports such a break).
     */
    @Test
    void goClientAgainstOurServerWithBackpressure(TestInfo info) throws Exception {
        goClientAgainstOurServer(info, true);
    }

    private void goClientAgainstOurServer(TestInfo info, boolean backpressure) throws Exception {
        EchoRun run = EchoRun.of(300_000, backpressure);
        ConcurrentLinkedQueue<String> errors = run.errors();
        Map<Integer, String> ourHashes = run.hashes();
        AtomicReference<YamuxSession> serverSession = new AtomicReference<>();
        FrameSniffer sniffer = new FrameSniffer();

        ChannelHandler streamInit = new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new FramedEchoHandler(run));
            }
        };
        YamuxConfig config = YamuxConfig.defaults().withKeepalive(Duration.ofMillis(200), PING_TIMEOUT);
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        YamuxSession session = new YamuxSession(YamuxRole.SERVER, config, streamInit);
                        if (!serverSession.compareAndSet(null, session)) {
                            errors.add("a second TCP connection was accepted");
                        }
                        ch.pipeline().addLast(sniffer, session);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        try {
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            long start = System.nanoTime();
            try (GoPeer peer = GoPeer.start(info, "-mode", "client", "-addr", "127.0.0.1:" + port,
                    "-streams", String.valueOf(STREAMS), "-bytes", "300000", "-seed", "4242", "-pings", "5",
                    "-keepalive", "100ms", "-write-timeout", GO_PING_TIMEOUT, "-timeout", "9m")) {
                int rc = peer.waitFor();
                long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(sniffer.outboundViolation.get()).as("our outbound framing; Go peer: %s",
                        peer.diagnostics()).isNull();
                assertThat(rc).as("Go client exit status; %s", peer.diagnostics()).isZero();

                List<String> lines = peer.lines();
                List<Matcher> pings = matching(lines, PING_LINE);
                assertThat(pings).as("Go client's explicit pings, answered by us").hasSize(5);

                Map<String, Long> theirs = new HashMap<>(); // "L sha" -> count
                long total = 0;
                for (Matcher m : matching(lines, STREAM_LINE)) {
                    theirs.merge(m.group(2) + " " + m.group(3), 1L, Long::sum);
                    total += Long.parseLong(m.group(2));
                }
                assertThat(theirs.values().stream().mapToLong(Long::longValue).sum())
                        .as("STREAM ... OK lines").isEqualTo(STREAMS);
                assertThat(lines).contains("CLIENT DONE streams=" + STREAMS + " bytes=" + total);

                // Our server saw exactly the payloads the Go client sent (and echoed them).
                await().atMost(Patience.WAIT).until(() -> ourHashes.size() == STREAMS);
                Map<String, Long> ours = ourHashes.values().stream()
                        .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
                assertThat(ours).isEqualTo(theirs);

                // Every stream ended with both FINs, none by RST or by the session's end.
                await().atMost(Patience.WAIT).until(() -> run.ends().get() == STREAMS);
                assertThat(errors).as("stream errors; server session closed=%s cause=%s; RST in/out %d/%d;"
                                + " GoAway in/out %d/%d; Go peer: %s", serverSession.get().isClosed(),
                        serverSession.get().terminationCause(), sniffer.rstIn.get(), sniffer.rstOut.get(),
                        sniffer.goAwayIn.get(), sniffer.goAwayOut.get(), peer.diagnostics()).isEmpty();
                assertThat(run.gracefulEnds()).hasValue(STREAMS);

                YamuxSession session = serverSession.get();
                await().atMost(Patience.WAIT).until(session::isClosed);
                Throwable cause = session.terminationCause();
                if (cause != null) {
                    assertThat(cause).as("server session termination cause").isNotInstanceOf(YamuxException.class);
                }
                // Go's keepalive (100 ms) and its explicit pings: every Ping|SYN got its Ping|ACK.
                assertThat(sniffer.pingSynIn.get()).isGreaterThanOrEqualTo(5);
                assertThat(sniffer.pingAckOut.get()).isEqualTo(sniffer.pingSynIn.get());
                assertThat(sniffer.goAwayIn.get() + sniffer.goAwayOut.get()).as("GoAway frames").isZero();
                assertThat(sniffer.rstIn.get() + sniffer.rstOut.get()).as("RST frames").isZero();

                report("Go client -> Java server: %d streams, %d payload bytes echoed in %d ms; Go ping RTTs %s;"
                                + " Go pings answered %d; our keepalive pings answered %d; frames in %d out %d",
                        STREAMS, total, elapsedMs, rtts(pings), sniffer.pingAckOut.get(),
                        sniffer.pingAckIn.get(), sniffer.framesIn.get(), sniffer.framesOut.get());
            }
        } finally {
            server.close().syncUninterruptibly();
            YamuxSession session = serverSession.get();
            if (session != null) {
                session.close();
            }
        }
    }

    /** Our client, their server: 200 concurrent streams up to 1 MiB each, half-closed by us first. */
    @Test
    void ourClientAgainstGoServer(TestInfo info) throws Exception {
        try (GoPeer peer = goServer(info, "-pings", "3")) {
            YamuxConfig config = YamuxConfig.defaults().withKeepalive(Duration.ofMillis(200), PING_TIMEOUT);
            YamuxSession session = new YamuxSession(YamuxRole.CLIENT, config, null);
            try (SniffedConnection connection = connectTo(peer, session)) {
                FrameSniffer sniffer = connection.sniffer();
                long start = System.nanoTime();
                List<StreamExchange> exchanges = new ArrayList<>();
                Random sizes = new Random(7);
                for (int i = 0; i < STREAMS; i++) {
                    byte[] payload = new byte[1 + sizes.nextInt(1 << 20)];
                    new Random(1000L + i).nextBytes(payload);
                    StreamExchange ex = new StreamExchange(payload);
                    exchanges.add(ex);
                    session.openStream(ex).addListener(f -> {
                        if (!f.isSuccess()) {
                            ex.result.completeExceptionally(f.cause());
                        }
                    });
                }
                result(CompletableFuture.allOf(exchanges.stream().map(e -> e.result).toArray(CompletableFuture[]::new)),
                        () -> exchanges.stream().filter(e -> e.result.isDone()).count(), sniffer, peer);
                long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

                Map<String, Long> sent = new HashMap<>();
                long total = 0;
                for (StreamExchange ex : exchanges) {
                    String received = ex.result.get();
                    assertThat(received).as("echo of stream %s", ex.streamId).isEqualTo(ex.sentKey);
                    sent.merge(ex.sentKey, 1L, Long::sum);
                    total += ex.payloadLength;
                }

                await().atMost(Patience.WAIT)
                        .until(() -> matching(peer.lines(), SERVED_LINE).size() == STREAMS);
                Map<String, Long> served = matching(peer.lines(), SERVED_LINE).stream()
                        .collect(Collectors.groupingBy(m -> m.group(1) + " " + m.group(2), Collectors.counting()));
                assertThat(served).isEqualTo(sent);

                // Our own ping, answered by Go.
                List<Long> ourRtts = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Duration rtt = session.ping().get(Patience.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    assertThat(rtt).isPositive();
                    ourRtts.add(rtt.toNanos());
                }
                await().atMost(Patience.WAIT)
                        .until(() -> matching(peer.lines(), PING_LINE).size() == 3);
                assertThat(session.isClosed()).isFalse();
                assertThat(session.streamCount()).as("streams still tracked after both FINs").isZero();
                assertThat(sniffer.rstIn.get() + sniffer.rstOut.get()).as("RST frames").isZero();
                assertThat(sniffer.pingAckOut.get()).isEqualTo(sniffer.pingSynIn.get());

                closeAndExpectServerDone(session, peer, STREAMS);
                assertThat(session.terminationCause()).isNull();

                report("Java client -> Go server: %d streams, %d payload bytes each way in %d ms; our ping RTTs %s ns;"
                                + " Go ping RTTs %s; Go pings answered %d",
                        STREAMS, total, elapsedMs, ourRtts, rtts(matching(peer.lines(), PING_LINE)),
                        sniffer.pingAckOut.get());
            }
        }
    }

    /**
     * The Go server's keepalive (every 100 ms) pings an idle session of ours; old yamux sends the
     * next keepalive only after the previous one was answered, so seeing five of them while idle
     * shows they were answered. The session stays up and a later stream still works.
     */
    @Test
    void goKeepaliveIsAnsweredWhileIdle(TestInfo info) throws Exception {
        try (GoPeer peer = goServer(info)) {
            // Our own keepalive off: during the idle second the only traffic is Go's keepalive.
            YamuxConfig config = YamuxConfig.defaults().withKeepalive(Duration.ZERO, Duration.ofSeconds(5));
            YamuxSession session = new YamuxSession(YamuxRole.CLIENT, config, null);
            try (SniffedConnection connection = connectTo(peer, session)) {
                FrameSniffer sniffer = connection.sniffer();
                StreamExchange first = new StreamExchange(bytes(1, 70_000));
                session.openStream(first).sync();
                assertThat(result(first.result, sniffer, peer)).isEqualTo(first.sentKey);

                int synBefore = sniffer.pingSynIn.get();
                long framesOutBefore = sniffer.framesOut.get();
                long idleStart = System.nanoTime();
                // Five keepalive rounds take some 500 ms; on a loaded machine each round (the Go timer,
                // our answer, Go reading it) can take much longer, so wait for the pings, not a time.
                await().atMost(Patience.WAIT).pollInterval(Duration.ofMillis(20))
                        .until(() -> sniffer.pingSynIn.get() - synBefore >= 5 || !peer.isAlive() || session.isClosed());
                long idleMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - idleStart);
                int pingsDuringIdle = sniffer.pingSynIn.get() - synBefore;
                long framesOutDuringIdle = sniffer.framesOut.get() - framesOutBefore;

                assertThat(pingsDuringIdle).as("Go keepalive pings during %d ms idle; Go peer: %s", idleMs,
                        peer.diagnostics()).isGreaterThanOrEqualTo(5);
                await().atMost(Patience.WAIT)
                        .until(() -> sniffer.pingAckOut.get() == sniffer.pingSynIn.get());
                assertThat(session.isClosed()).isFalse();
                assertThat(peer.isAlive()).isTrue();

                StreamExchange later = new StreamExchange(bytes(2, 300_000));
                session.openStream(later).sync();
                assertThat(result(later.result, sniffer, peer)).isEqualTo(later.sentKey);
                await().atMost(Patience.WAIT)
                        .until(() -> matching(peer.lines(), SERVED_LINE).size() == 2);

                closeAndExpectServerDone(session, peer, 2);
                assertThat(peer.stderrText()).doesNotContain("keepalive failed");

                report("Go keepalive while idle: %d Go pings in %d ms idle, %d frames sent by us meanwhile"
                                + " (all Ping|ACK: %s); Go pings answered in total %d of %d",
                        pingsDuringIdle, idleMs, framesOutDuringIdle, framesOutDuringIdle == pingsDuringIdle,
                        sniffer.pingAckOut.get(), sniffer.pingSynIn.get());
            }
        }
    }

    /**
     * Closing a stream from the listener of its last write, the common
     * {@code writeAndFlush(buf).addListener(CLOSE)}: once the write has completed nothing is lost,
     * so the close must be graceful (FIN), and whatever it sends must not land inside a Data frame.
     * With more than one window of data the last frame goes out from the session's scheduler
     * (WindowUpdate or parent writability), outside the stream's own flush, so the listener runs in
     * the middle of that frame. The Go server reads to EOF and echoes; the echo then meets our
     * closed stream and is answered with RST by design, so the Go server reports that stream as
     * failed: its exit status is not checked here.
     */
    @Test
    void closeFromWriteListenerIsGracefulAndWellFramed(TestInfo info) throws Exception {
        try (GoPeer peer = goServer(info)) {
            YamuxSession session = new YamuxSession(YamuxRole.CLIENT, YamuxConfig.defaults(), null);
            try (SniffedConnection connection = connectTo(peer, session)) {
                FrameSniffer sniffer = connection.sniffer();
                CompletableFuture<Void> written = new CompletableFuture<>();
                YamuxStreamChannel stream = session.openStream(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes(3, 600_000))).addListener(f -> {
                            if (f.isSuccess()) {
                                written.complete(null);
                            } else {
                                written.completeExceptionally(f.cause());
                            }
                            ctx.channel().close();
                        });
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ((ByteBuf) msg).release();
                    }
                }).sync().getNow();
                result(written, sniffer, peer);
                await().atMost(Patience.WAIT)
                        .until(() -> sniffer.endFlagsOut.containsKey(stream.streamId()) || session.isClosed());
                // Give a broken frame the time to reach the Go side and be reported.
                await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> true);

                assertThat(sniffer.outboundViolation.get()).as("our outbound framing; Go peer: %s",
                        peer.diagnostics()).isNull();
                assertThat(peer.stderrText()).doesNotContain("Invalid protocol version");
                assertThat(sniffer.endFlagsOut.get(stream.streamId())).as("end flags we sent on the stream")
                        .first().isEqualTo("FIN");
                assertThat(session.isClosed()).isFalse();
            }
        }
    }

    // ----------------------------------------------------------------------------------- helpers

    /**
     * The Go peer as a server on an ephemeral port of 127.0.0.1 that keeps alive every 100 ms and
     * exits after 90 s idle; {@code flags} are added to those.
     */
    private static GoPeer goServer(TestInfo info, String... flags) throws IOException {
        List<String> args = new ArrayList<>(List.of("-mode", "server", "-listen", "127.0.0.1:0"));
        args.addAll(List.of(flags));
        args.addAll(List.of("-keepalive", "100ms", "-write-timeout", GO_PING_TIMEOUT, "-idle-exit", "90s"));
        return GoPeer.start(info, args.toArray(String[]::new));
    }

    /** Closes our session and expects the Go server to exit 0 reporting {@code streams} streams served. */
    private static void closeAndExpectServerDone(YamuxSession session, GoPeer peer, int streams) throws Exception {
        session.close().sync();
        int rc = peer.waitFor();
        assertThat(rc).as("Go server exit status; %s", peer.diagnostics()).isZero();
        assertThat(peer.lines()).contains("SERVER DONE streams=" + streams);
    }

    /** Our client session's connection to a Go server, every frame counted by its sniffer; closing closes it. */
    private record SniffedConnection(FrameSniffer sniffer, Channel channel) implements AutoCloseable {
        @Override
        public void close() {
            channel.close().syncUninterruptibly();
        }
    }

    /** Connects {@code session} to the listening Go server {@code peer} through a new {@link FrameSniffer}. */
    private static SniffedConnection connectTo(GoPeer peer, YamuxSession session) throws Exception {
        FrameSniffer sniffer = new FrameSniffer();
        return new SniffedConnection(sniffer, connect(peer.awaitListening(), sniffer, session));
    }

    private static Channel connect(InetSocketAddress address, FrameSniffer sniffer, YamuxSession session)
            throws InterruptedException {
        return new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Patience.WAIT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(sniffer, session);
                    }
                })
                .connect(address).sync().channel();
    }

    /** The value of {@code future}, waited for up to {@link Patience#WAIT}. */
    private static <T> T result(CompletableFuture<T> future, FrameSniffer sniffer, GoPeer peer)
            throws InterruptedException {
        return result(future, () -> 0, sniffer, peer);
    }

    /** The value of {@code future}, waited for as long as {@code progress} changes within {@link Patience#WAIT}. */
    private static <T> T result(CompletableFuture<T> future, LongSupplier progress, FrameSniffer sniffer, GoPeer peer)
            throws InterruptedException {
        try {
            return Progress.await("stream exchanges", future, progress, Patience.WAIT);
        } catch (java.util.concurrent.ExecutionException | AssertionError e) {
            throw new AssertionError("stream exchange failed: " + e + "; our outbound framing: "
                    + (sniffer.outboundViolation.get() == null ? "well-formed" : sniffer.outboundViolation.get())
                    + "; Go peer: " + peer.diagnostics(), e);
        }
    }

    private static byte[] bytes(long seed, int length) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static List<Matcher> matching(List<String> lines, Pattern pattern) {
        List<Matcher> result = new ArrayList<>();
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.matches()) {
                result.add(m);
            }
        }
        return result;
    }

    private static String rtts(List<Matcher> pingLines) {
        return pingLines.stream().map(m -> String.format("%.2fms", Long.parseLong(m.group(1)) / 1e6))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static void report(String format, Object... args) {
        System.out.println("[GoYamuxInteropTest] " + String.format(format, args));
    }

    static String sha256Hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void update(MessageDigest md, ByteBuf buf) {
        for (ByteBuffer b : buf.nioBuffers()) {
            md.update(b);
        }
    }

    /**
     * One run of {@link FramedEchoHandler}s, shared by all of a session's streams: the largest length
     * accepted and whether reading follows writability; then what they saw: each stream's "L sha" of
     * what arrived, by stream id, the errors, how many streams ended with both FINs, and how many
     * ended at all.
     */
    private record EchoRun(long maxLength, boolean backpressure, Map<Integer, String> hashes,
                           ConcurrentLinkedQueue<String> errors, AtomicInteger gracefulEnds, AtomicInteger ends) {
        static EchoRun of(long maxLength, boolean backpressure) {
            return new EchoRun(maxLength, backpressure, new ConcurrentHashMap<>(), new ConcurrentLinkedQueue<>(),
                    new AtomicInteger(), new AtomicInteger());
        }
    }

    /**
     * Server side of the Go client's protocol: an 8-byte big-endian length L, then L bytes, which
     * are echoed back as they arrive; after the last one, FIN (shutdownOutput). The stream then
     * ends by itself when the Go client's FIN arrives. Reading pauses while the stream is not
     * writable, so the echo follows the Go client's window.
     */
    private static final class FramedEchoHandler extends ChannelInboundHandlerAdapter {
        private final EchoRun run;
        private final MessageDigest md = sha256();
        private int headerBytes;
        private long length;
        private long remaining = -1;
        private boolean finReceived;
        private boolean finSent;

        FramedEchoHandler(EchoRun run) {
            this.run = run;
        }

        private YamuxStreamChannel stream(ChannelHandlerContext ctx) {
            return (YamuxStreamChannel) ctx.channel();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                while (headerBytes < 8 && buf.isReadable()) {
                    length = (length << 8) | buf.readUnsignedByte();
                    if (++headerBytes == 8) {
                        if (length < 1 || length > run.maxLength()) {
                            fail(ctx, "announced length " + length);
                            return;
                        }
                        remaining = length;
                    }
                }
                if (!buf.isReadable()) {
                    return;
                }
                if (remaining <= 0) {
                    fail(ctx, buf.readableBytes() + " bytes after the announced payload");
                    return;
                }
                int n = (int) Math.min(buf.readableBytes(), remaining);
                ByteBuf part = buf.readRetainedSlice(n);
                update(md, part);
                ctx.write(part, ctx.voidPromise());
                remaining -= n;
                if (remaining == 0) {
                    ctx.flush();
                    run.hashes().put(stream(ctx).streamId(), length + " " + sha256Hex(md));
                    stream(ctx).shutdownOutput().addListener(f -> {
                        if (!f.isSuccess()) {
                            run.errors().add("stream " + stream(ctx).streamId() + ": shutdownOutput failed: " + f.cause());
                        }
                    });
                }
                if (buf.isReadable()) {
                    fail(ctx, buf.readableBytes() + " bytes after the announced payload");
                }
            } finally {
                buf.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            if (run.backpressure() && !ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && !ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == ChannelInputShutdownEvent.INSTANCE) {
                finReceived = true;
                if (remaining != 0) {
                    run.errors().add("stream " + stream(ctx).streamId() + ": FIN with " + remaining + " of " + length
                            + " payload bytes missing (header bytes " + headerBytes + ")");
                }
            } else if (evt == ChannelOutputShutdownEvent.INSTANCE) {
                finSent = true;
            } else if (evt == YamuxStreamResetEvent.INSTANCE) {
                run.errors().add("stream " + stream(ctx).streamId() + ": reset by the Go client");
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (finReceived && finSent) {
                run.gracefulEnds().incrementAndGet();
            } else {
                run.errors().add("stream " + stream(ctx).streamId() + " ended with finReceived=" + finReceived
                        + " finSent=" + finSent + " remaining=" + remaining);
            }
            run.ends().incrementAndGet();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            run.errors().add("stream " + stream(ctx).streamId() + ": " + cause);
            ctx.close();
        }

        private void fail(ChannelHandlerContext ctx, String why) {
            run.errors().add("stream " + stream(ctx).streamId() + ": " + why);
            ctx.close();
        }
    }

    /**
     * Client side of one stream to the Go echo server: writes the payload, half-closes (the Go
     * side receives the first FIN), then hashes the echo until the Go server's FIN.
     */
    private static final class StreamExchange extends ChannelInboundHandlerAdapter {
        final int payloadLength;
        final String sentKey;
        final CompletableFuture<String> result = new CompletableFuture<>();
        private byte[] payload;
        private final MessageDigest received = sha256();
        private long receivedBytes;
        volatile int streamId = -1;

        StreamExchange(byte[] payload) {
            this.payload = payload;
            this.payloadLength = payload.length;
            MessageDigest md = sha256();
            md.update(payload);
            this.sentKey = payload.length + " " + sha256Hex(md);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            YamuxStreamChannel stream = (YamuxStreamChannel) ctx.channel();
            streamId = stream.streamId();
            ByteBuf data = Unpooled.wrappedBuffer(payload);
            payload = null;
            ctx.writeAndFlush(data).addListener(f -> {
                if (!f.isSuccess()) {
                    result.completeExceptionally(new IOException("stream " + streamId + ": write failed", f.cause()));
                }
            });
            stream.shutdownOutput().addListener(f -> {
                if (!f.isSuccess()) {
                    result.completeExceptionally(
                            new IOException("stream " + streamId + ": shutdownOutput failed", f.cause()));
                }
            });
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                receivedBytes += buf.readableBytes();
                update(received, buf);
            } finally {
                buf.release();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == ChannelInputShutdownEvent.INSTANCE) {
                result.complete(receivedBytes + " " + sha256Hex(received));
            } else if (evt == YamuxStreamResetEvent.INSTANCE) {
                result.completeExceptionally(new IOException("stream " + streamId + ": reset by the Go server after "
                        + receivedBytes + " echoed bytes"));
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new IOException("stream " + streamId + " closed before the Go server's FIN,"
                    + " after " + receivedBytes + " echoed bytes"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
            ctx.close();
        }
    }

    /**
     * Watches the yamux frames passing in both directions below the session without touching
     * them, counting pings, GoAways and resets. Placed before {@link YamuxSession} in the pipeline.
     */

    @ChannelHandler.Sharable
    private static final class FrameSniffer extends ChannelDuplexHandler {
        final AtomicInteger pingSynIn = new AtomicInteger();
        final AtomicInteger pingAckIn = new AtomicInteger();
        final AtomicInteger pingAckOut = new AtomicInteger();
        final AtomicInteger goAwayIn = new AtomicInteger();
        final AtomicInteger goAwayOut = new AtomicInteger();
        final AtomicInteger rstIn = new AtomicInteger();
        final AtomicInteger rstOut = new AtomicInteger();
        final AtomicLong framesIn = new AtomicLong();
        final AtomicLong framesOut = new AtomicLong();
        /** The first ill-formed frame header we sent (bad version or type), with the frame before it. */
        final AtomicReference<String> outboundViolation = new AtomicReference<>();
        /** Per stream id, the end flags of the frames we sent in order, e.g. "FIN" or "RST". */
        final Map<Integer, List<String>> endFlagsOut = new ConcurrentHashMap<>();
        private final Parser in = new Parser(true);
        private final Parser out = new Parser(false);

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof ByteBuf) {
                in.feed((ByteBuf) msg);
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof ByteBuf) {
                out.feed((ByteBuf) msg);
            }
            ctx.write(msg, promise);
        }

        private final class Parser {
            private final boolean inbound;
            private final byte[] header = new byte[12];
            private int filled;
            private long skip;
            private String previous = "(none)";
            private boolean broken;

            Parser(boolean inbound) {
                this.inbound = inbound;
            }

            void feed(ByteBuf buf) {
                int i = buf.readerIndex();
                int end = buf.writerIndex();
                while (i < end) {
                    if (broken) {
                        return;
                    }
                    if (skip > 0) {
                        int n = (int) Math.min(skip, end - i);
                        skip -= n;
                        i += n;
                        continue;
                    }
                    header[filled++] = buf.getByte(i++);
                    if (filled == 12) {
                        filled = 0;
                        frame();
                    }
                }
            }

            private void frame() {
                String hex = HexFormat.of().formatHex(header);
                if (header[0] != 0 || (header[1] & 0xff) > 3) {
                    broken = true; // framing lost: stop parsing this direction
                    if (!inbound) {
                        outboundViolation.compareAndSet(null, "ill-formed frame header " + hex
                                + " sent after frame " + previous + " and its payload");
                    }
                    return;
                }
                previous = hex;
                int type = header[1] & 0xff;
                int streamId = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                        | (header[7] & 0xff);
                int flags = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
                long length = ((header[8] & 0xffL) << 24) | ((header[9] & 0xff) << 16) | ((header[10] & 0xff) << 8)
                        | (header[11] & 0xff);
                (inbound ? framesIn : framesOut).incrementAndGet();
                if (type == 0) {
                    skip = length;
                } else if (type == 2) {
                    if ((flags & 0x1) != 0 && inbound) {
                        pingSynIn.incrementAndGet();
                    } else if ((flags & 0x2) != 0) {
                        (inbound ? pingAckIn : pingAckOut).incrementAndGet();
                    }
                } else if (type == 3) {
                    (inbound ? goAwayIn : goAwayOut).incrementAndGet();
                }
                if ((flags & 0x8) != 0) {
                    (inbound ? rstIn : rstOut).incrementAndGet();
                }
                if (!inbound && (flags & 0xC) != 0) {
                    endFlagsOut.computeIfAbsent(streamId, k -> new CopyOnWriteArrayList<>())
                            .add((flags & 0x4) != 0 ? "FIN" : "RST");
                }
            }
        }
    }

    /** The Go peer process: stdout lines collected (and copied to a file), stderr to a file. */
    private static final class GoPeer implements AutoCloseable {
        private final Process process;
        private final Path stdoutFile;
        private final Path stderrFile;
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread reader;

        private GoPeer(Process process, Path stdoutFile, Path stderrFile) {
            this.process = process;
            this.stdoutFile = stdoutFile;
            this.stderrFile = stderrFile;
            this.reader = new Thread(this::readStdout, "yamuxpeer-stdout-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        static GoPeer start(TestInfo info, String... args) throws IOException {
            String name = info.getTestMethod().map(m -> m.getName()).orElse("peer");
            Path stdout = logDir.resolve(name + ".stdout");
            Path stderr = logDir.resolve(name + ".stderr");
            List<String> command = new ArrayList<>();
            command.add(peerBinary.toString());
            command.addAll(List.of(args));
            Files.writeString(stdout, "");
            Process p = new ProcessBuilder(command)
                    .directory(moduleDir.toFile())
                    .redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                    .start();
            return new GoPeer(p, stdout, stderr);
        }

        private static java.io.File nullFile() {
            return new java.io.File("/dev/null");
        }

        private void readStdout() {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 BufferedWriter w = Files.newBufferedWriter(stdoutFile)) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    w.write(line);
                    w.newLine();
                    w.flush();
                }
            } catch (IOException e) {
                lines.add("(stdout reader failed: " + e + ")");
            }
        }

        List<String> lines() {
            return lines;
        }

        boolean isAlive() {
            return process.isAlive();
        }

        InetSocketAddress awaitListening() {
            AtomicReference<String> addr = new AtomicReference<>();
            await().atMost(Patience.WAIT).until(() -> {
                for (String l : lines) {
                    if (l.startsWith("LISTENING ")) {
                        addr.set(l.substring("LISTENING ".length()).trim());
                        return true;
                    }
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("Go server exited: " + diagnostics());
                }
                return false;
            });
            String hostPort = addr.get();
            int colon = hostPort.lastIndexOf(':');
            assertThat(hostPort.substring(0, colon)).isEqualTo("127.0.0.1");
            return new InetSocketAddress("127.0.0.1", Integer.parseInt(hostPort.substring(colon + 1)));
        }

        /**
         * Waits for exit while the peer keeps printing (a stall of {@link Patience#WAIT} without a new
         * line fails), then for stdout to be fully read.
         */
        int waitFor() throws InterruptedException {
            try {
                Progress.await("Go peer exit", process.onExit(), lines::size, Patience.WAIT);
            } catch (java.util.concurrent.ExecutionException | AssertionError e) {
                Assertions.fail("Go peer did not exit: " + e.getMessage() + "; " + diagnostics());
            }
            reader.join(5_000);
            return process.exitValue();
        }

        String stderrText() {
            try {
                return Files.readString(stderrFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String diagnostics() {
            String err = stderrText();
            if (err.length() > 4000) {
                err = "..." + err.substring(err.length() - 4000);
            }
            List<String> tail = lines.subList(Math.max(0, lines.size() - 10), lines.size());
            return "stdout tail " + tail + " (" + stdoutFile + "), stderr (" + stderrFile + "):\n" + err;
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(2, TimeUnit.SECONDS);
                }
            }
            reader.join(2_000);
        }
    }
}
