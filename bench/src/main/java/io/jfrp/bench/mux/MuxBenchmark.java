package io.jfrp.bench.mux;

import io.jfrp.mux.YamuxConfig;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.jfrp.mux.YamuxStreamChannel;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.Version;
import io.netty.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loopback benchmark of the yamux multiplexer against plain TCP, in one JVM: throughput of one
 * stream and of N streams over one connection versus one raw TCP connection (interleaved rounds,
 * medians), and heap per idle stream on each side. Prints a Markdown table and writes JSON.
 */
@Command(name = "jfrp-mux-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"yamux vs raw TCP on 127.0.0.1: throughput (1 and N streams) and heap per idle stream."})
public final class MuxBenchmark implements Callable<Integer> {
    private static final String HOST = "127.0.0.1";

    @Option(names = "--bytes", description = "bytes per throughput run (default: ${DEFAULT-VALUE})", defaultValue = "2GiB",
            converter = ByteSize.class)
    long bytes;
    @Option(names = "--seconds", description = "cap on one run's sending time (default: ${DEFAULT-VALUE})", defaultValue = "20")
    double seconds;
    @Option(names = "--rounds", description = "interleaved rounds of raw / 1 stream / N streams (default: ${DEFAULT-VALUE})",
            defaultValue = "3")
    int rounds;
    @Option(names = "--warmup-bytes", description = "bytes of the untimed warm-up run of each kind (default: ${DEFAULT-VALUE})",
            defaultValue = "512MiB", converter = ByteSize.class)
    long warmupBytes;
    @Option(names = "--cases", split = ",", description = "throughput cases to run, of RAW, MUX1, MUXN (default: all; "
            + "ratios need RAW). Useful to profile one case alone")
    List<Kind> cases = new ArrayList<>(List.of(Kind.values()));
    @Option(names = "--streams", description = "streams of the multi-stream case (default: ${DEFAULT-VALUE})", defaultValue = "8")
    int streams;
    @Option(names = "--chunk", description = "bytes per write (default: ${DEFAULT-VALUE})", defaultValue = "64KiB",
            converter = ByteSize.class)
    long chunk;
    @Option(names = "--water-mark", description = "LOW:HIGH write-buffer water marks for every channel (sockets and "
            + "streams); default: Netty's 32KiB:64KiB")
    String waterMark;
    @Option(names = "--frame-size", description = "yamux max frame size (default: reference.conf)", converter = ByteSize.class)
    Long frameSize;
    @Option(names = "--max-window", description = "yamux max stream window (default: reference.conf)", converter = ByteSize.class)
    Long maxWindow;
    @Option(names = "--fixed-window", description = "yamux window fixed at 256 KiB (no auto-tuning)")
    boolean fixedWindow;
    @Option(names = "--idle-streams", description = "idle streams for the heap test (default: ${DEFAULT-VALUE}; 0 skips it)",
            defaultValue = "100000")
    int idleStreams;
    @Option(names = "--churn-streams", description = "streams for the closed-stream retention test: each is opened, "
            + "sends 100 bytes and is closed by the opener before the peer's FIN (default: ${DEFAULT-VALUE}; 0 skips it)",
            defaultValue = "20000")
    int churnStreams;
    @Option(names = "--skip-throughput", description = "only the heap tests")
    boolean skipThroughput;
    @Option(names = "--histogram-top", description = "classes to list per side in the heap breakdown (default: ${DEFAULT-VALUE})",
            defaultValue = "12")
    int histogramTop;
    @Option(names = "--transport", description = "auto, epoll or nio (default: ${DEFAULT-VALUE})", defaultValue = "auto")
    String transportName;
    @Option(names = "--out", description = "JSON result file (default: $jfrp.bench.results or bench/results, /mux-<timestamp>.json)")
    Path out;

    private Transport transport;
    private EventLoopGroup serverGroup;
    private EventLoopGroup clientGroup;
    private WriteBufferWaterMark waterMarks;
    private YamuxConfig config;
    private ByteBuf payload;
    private long serverThreadId;
    private long clientThreadId;
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        System.exit(new CommandLine(new MuxBenchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    enum Kind {
        RAW("raw TCP"), MUX1("yamux, 1 stream"), MUXN("yamux, N streams");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One timed run. */
    static final class RunResult {
        final Kind kind;
        final int round;
        final long bytes;
        final double seconds;
        /** Largest receive window a receiving stream reached (0 for raw TCP). */
        final int window;
        /** The receiving session's smoothed ping RTT at the end (the auto-tuner's RTT), ms. */
        final double receiverRttMs;
        /** CPU time of the sending and receiving event-loop threads during the run (user + system). */
        long senderCpuNanos;
        long receiverCpuNanos;

        RunResult(Kind kind, int round, long bytes, double seconds, int window, double receiverRttMs) {
            this.kind = kind;
            this.round = round;
            this.bytes = bytes;
            this.seconds = seconds;
            this.window = window;
            this.receiverRttMs = receiverRttMs;
        }

        /** CPU microseconds per MB (10^6 bytes) moved, on a thread. */
        double cpuUsPerMb(long cpuNanos) {
            return cpuNanos / 1e3 / (bytes / 1e6);
        }

        String windowNote() {
            String cpu = String.format(Locale.ROOT, ", CPU µs/MB sender %.0f receiver %.0f", cpuUsPerMb(senderCpuNanos),
                    cpuUsPerMb(receiverCpuNanos));
            return cpu + (window == 0 ? "" : String.format(Locale.ROOT, ", receive window reached %s, receiver's smoothed RTT %.2f ms",
                    ByteSize.format(window), receiverRttMs));
        }

        double mbps() {
            return bytes / seconds / 1e6;
        }
    }

    @Override
    public Integer call() throws Exception {
        transport = Transport.choose(transportName);
        if (waterMark != null) {
            String[] parts = waterMark.split(":");
            waterMarks = new WriteBufferWaterMark((int) ByteSize.parse(parts[0]), (int) ByteSize.parse(parts[1]));
        }
        config = YamuxConfig.defaults();
        if (frameSize != null) {
            config = config.withMaxFrameSize(Math.toIntExact(frameSize));
        }
        if (fixedWindow) {
            config = config.withWindow(false, YamuxConfig.INITIAL_WINDOW);
        } else if (maxWindow != null) {
            config = config.withWindow(true, Math.toIntExact(maxWindow));
        }
        byte[] random = new byte[Math.toIntExact(chunk)];
        new SplittableRandom(42).nextBytes(random);
        payload = Unpooled.unreleasableBuffer(Unpooled.directBuffer(random.length).writeBytes(random));
        serverGroup = transport.newGroup(1);
        clientGroup = transport.newGroup(1);
        serverThreadId = serverGroup.next().submit(() -> Thread.currentThread().getId()).get();
        clientThreadId = clientGroup.next().submit(() -> Thread.currentThread().getId()).get();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "mux");
        json.put("timestamp", LocalDateTime.now().toString());
        json.put("environment", environment());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("bytesPerRun", bytes);
        settings.put("secondsCap", seconds);
        settings.put("rounds", rounds);
        settings.put("warmupBytes", warmupBytes);
        settings.put("streams", streams);
        settings.put("chunk", chunk);
        settings.put("waterMark", waterMarks == null ? "netty default 32768:65536" : waterMarks.toString());
        settings.put("yamuxConfig", config.toString());
        settings.put("idleStreams", idleStreams);
        settings.put("churnStreams", churnStreams);
        json.put("settings", settings);
        StringBuilder md = new StringBuilder();
        try {
            if (!skipThroughput) {
                throughput(json, md);
            }
            if (idleStreams > 0) {
                idleHeap(json, md);
            }
            if (churnStreams > 0) {
                churnHeap(json, md);
            }
        } finally {
            clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
            serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
        System.out.println();
        System.out.print(md);
        Path file = out != null ? out : Paths.get(System.getProperty("jfrp.bench.results", "bench/results"),
                "mux-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        write(file, Json.write(json));
        System.out.println("\nJSON: " + file.toAbsolutePath());
        return 0;
    }

    static void write(Path file, String text) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        env.put("netty", Version.identify().getOrDefault("netty-transport", null) == null ? "?"
                : Version.identify().get("netty-transport").artifactVersion());
        env.put("cpus", Runtime.getRuntime().availableProcessors());
        env.put("maxHeap", Runtime.getRuntime().maxMemory());
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        env.put("jvmArgs", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        return env;
    }

    // ------------------------------------------------------------------ throughput

    private void throughput(Map<String, Object> json, StringBuilder md) throws Exception {
        PeerLog.out(String.format(Locale.ROOT, "throughput: transport=%s bytes/run=%s cap=%.0fs rounds=%d streams=%d chunk=%s",
                transport, ByteSize.format(bytes), seconds, rounds, streams, ByteSize.format(chunk)));
        if (warmupBytes > 0) {
            for (Kind k : cases) {
                RunResult r = run(k, warmupBytes, 0);
                PeerLog.out(String.format(Locale.ROOT, "  warm-up %-16s %9.1f MB/s%s", k.label, r.mbps(), r.windowNote()));
            }
        }
        List<RunResult> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (Kind k : cases) {
                RunResult r = run(k, bytes, round);
                results.add(r);
                PeerLog.out(String.format(Locale.ROOT, "  round %d %-16s %9.1f MB/s  (%s in %.2f s%s)", round, k.label,
                        r.mbps(), ByteSize.format(r.bytes), r.seconds, r.windowNote()));
            }
        }
        Map<Kind, List<Double>> byKind = new LinkedHashMap<>();
        for (Kind k : cases) {
            byKind.put(k, new ArrayList<>());
        }
        for (RunResult r : results) {
            byKind.get(r.kind).add(r.mbps());
        }
        List<Double> ratio1 = new ArrayList<>();
        List<Double> ratioN = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double raw = pick(results, Kind.RAW, round);
            ratio1.add(pick(results, Kind.MUX1, round) / raw);
            ratioN.add(pick(results, Kind.MUXN, round) / raw);
        }
        double rawMedian = byKind.containsKey(Kind.RAW) ? Stats.median(byKind.get(Kind.RAW)) : Double.NaN;
        md.append("## yamux vs raw TCP on 127.0.0.1 (").append(transport).append(", ").append(ByteSize.format(bytes))
                .append(" per run, ").append(rounds).append(" interleaved rounds, MB = 10^6 bytes)\n\n");
        md.append("| case | median MB/s | min | max | ratio to raw (medians) | median of per-round ratios | goal "
                + "| CPU µs/MB sender loop | CPU µs/MB receiver loop |\n");
        md.append("|---|---:|---:|---:|---:|---:|---|---:|---:|\n");
        List<Object> rows = new ArrayList<>();
        for (Kind k : cases) {
            List<Double> v = byKind.get(k);
            double median = Stats.median(v);
            String label = k == Kind.MUXN ? "yamux, " + streams + " streams, 1 connection" : k.label;
            double ratio = median / rawMedian;
            double perRound = k == Kind.RAW ? 1.0 : Stats.median(k == Kind.MUX1 ? ratio1 : ratioN);
            String goal = k != Kind.MUX1 || Double.isNaN(ratio) ? "" : ratio >= 0.70 ? "≥ 0.70: met" : "≥ 0.70: NOT met";
            List<Double> senderCpu = new ArrayList<>();
            List<Double> receiverCpu = new ArrayList<>();
            for (RunResult r : results) {
                if (r.kind == k) {
                    senderCpu.add(r.cpuUsPerMb(r.senderCpuNanos));
                    receiverCpu.add(r.cpuUsPerMb(r.receiverCpuNanos));
                }
            }
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.3f | %.3f | %s | %.0f | %.0f |%n", label, median,
                    Stats.min(v), Stats.max(v), ratio, perRound, goal, Stats.median(senderCpu), Stats.median(receiverCpu)));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("case", label);
            row.put("mbpsPerRound", v);
            row.put("senderLoopCpuUsPerMbPerRound", senderCpu);
            row.put("receiverLoopCpuUsPerMbPerRound", receiverCpu);
            List<Integer> windows = new ArrayList<>();
            for (RunResult r : results) {
                if (r.kind == k) {
                    windows.add(r.window);
                }
            }
            row.put("receiveWindowReachedPerRound", windows);
            List<Double> rtts = new ArrayList<>();
            for (RunResult r : results) {
                if (r.kind == k) {
                    rtts.add(r.receiverRttMs);
                }
            }
            row.put("receiverSmoothedRttMsPerRound", rtts);
            row.put("medianMBps", median);
            row.put("ratioToRawMedian", ratio);
            row.put("medianPerRoundRatio", perRound);
            rows.add(row);
        }
        md.append('\n');
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("cases", rows);
        t.put("goalSingleStreamRatio", 0.70);
        json.put("throughput", t);
    }

    private static double pick(List<RunResult> results, Kind k, int round) {
        return results.stream().filter(r -> r.kind == k && r.round == round).mapToDouble(RunResult::mbps)
                .findFirst().orElse(Double.NaN);
    }

    private void applyWaterMarks(Channel ch) {
        if (waterMarks != null) {
            ch.config().setWriteBufferWaterMark(waterMarks);
        }
    }

    private RunResult run(Kind kind, long totalBytes, int round) throws Exception {
        int writers = kind == Kind.MUXN ? streams : 1;
        long perWriter = totalBytes / writers;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        BulkFlow flow = new BulkFlow(writers, perWriter, deadline, payload);
        BulkFlow.Counter counter = new BulkFlow.Counter(flow);
        AtomicReference<Channel> serverChild = new AtomicReference<>();
        AtomicReference<YamuxSession> serverSession = new AtomicReference<>();
        ServerBootstrap sb = new ServerBootstrap().group(serverGroup).channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        serverChild.set(ch);
                        applyWaterMarks(ch);
                        if (kind == Kind.RAW) {
                            ch.pipeline().addLast(counter);
                        } else {
                            YamuxSession s = new YamuxSession(YamuxRole.SERVER, config, counter);
                            serverSession.set(s);
                            ch.pipeline().addLast(s);
                        }
                    }
                });
        Channel server = sb.bind(HOST, 0).sync().channel();
        Channel client = null;
        long senderCpu0 = threads.getThreadCpuTime(clientThreadId);
        long receiverCpu0 = threads.getThreadCpuTime(serverThreadId);
        try {
            Bootstrap b = new Bootstrap().group(clientGroup).channel(transport.socketChannel())
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            applyWaterMarks(ch);
                            ch.pipeline().addLast(kind == Kind.RAW ? new BulkFlow.Writer(flow)
                                    : new YamuxSession(YamuxRole.CLIENT, config, null));
                        }
                    });
            client = b.connect(server.localAddress()).sync().channel();
            if (kind != Kind.RAW) {
                YamuxSession session = YamuxSession.of(client);
                for (int i = 0; i < writers; i++) {
                    BulkFlow.Writer w = new BulkFlow.Writer(flow);
                    ChannelHandler h = waterMarks == null ? w : new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            applyWaterMarks(ch);
                            ch.pipeline().addLast(w);
                        }
                    };
                    Future<YamuxStreamChannel> f = session.openStream(h);
                    if (!f.await(10, TimeUnit.SECONDS) || !f.isSuccess()) {
                        throw new IllegalStateException("cannot open stream: " + f.cause());
                    }
                }
            }
            long waitSeconds = (long) seconds + 60;
            if (!flow.done.await(waitSeconds, TimeUnit.SECONDS)) {
                // (CPU below is read after this wait; the run's own threads are idle by then)
                throw new IllegalStateException(kind + ": not done within " + waitSeconds + " s: sent " + flow.sent()
                        + ", received " + flow.received());
            }
            if (flow.received() != flow.sent()) {
                throw new IllegalStateException(kind + ": received " + flow.received() + " != sent " + flow.sent());
            }
            YamuxSession ss = serverSession.get();
            if (ss != null && ss.terminationCause() != null) {
                throw new IllegalStateException("server session failed: " + ss.terminationCause());
            }
            RunResult result = new RunResult(kind, round, flow.sent(), flow.seconds(), flow.maxReceiveWindow(),
                    ss == null ? 0 : ss.smoothedRtt().toNanos() / 1e6);
            result.senderCpuNanos = threads.getThreadCpuTime(clientThreadId) - senderCpu0;
            result.receiverCpuNanos = threads.getThreadCpuTime(serverThreadId) - receiverCpu0;
            return result;
        } finally {
            if (client != null) {
                client.close().await(5, TimeUnit.SECONDS);
            }
            Channel child = serverChild.get();
            if (child != null) {
                child.closeFuture().await(5, TimeUnit.SECONDS);
            }
            server.close().await(5, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------ idle heap

    /** A trivial per-stream handler, as an application would have one per stream. */
    static final class IdleHandler extends ChannelInboundHandlerAdapter {
    }

    private void idleHeap(Map<String, Object> json, StringBuilder md) throws Exception {
        int n = idleStreams;
        PeerLog.out(String.format(Locale.ROOT, "idle heap: %d streams on one session", n));
        YamuxConfig idleConfig = YamuxConfig.defaults()
                .withMaxConcurrentStreams(Math.max(n + 1024, YamuxConfig.defaults().maxConcurrentStreams()))
                .withFloodLimits(YamuxConfig.defaults().maxPingsPerSecond(), 10_000_000, 10_000_000);
        AtomicInteger serverInits = new AtomicInteger();
        ChannelHandler serverInbound = new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new IdleHandler());
                serverInits.incrementAndGet();
            }
        };
        AtomicReference<Channel> serverChild = new AtomicReference<>();
        AtomicReference<YamuxSession> serverSession = new AtomicReference<>();
        Channel server = new ServerBootstrap().group(serverGroup).channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        serverChild.set(ch);
                        YamuxSession s = new YamuxSession(YamuxRole.SERVER, idleConfig, serverInbound);
                        serverSession.set(s);
                        ch.pipeline().addLast(s);
                    }
                }).bind(HOST, 0).sync().channel();
        Channel client = new Bootstrap().group(clientGroup).channel(transport.socketChannel())
                .handler(new YamuxSession(YamuxRole.CLIENT, idleConfig, null))
                .connect(server.localAddress()).sync().channel();
        YamuxSession clientSession = YamuxSession.of(client);
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            awaitCondition(() -> serverSession.get() != null, 10, "server session");
            Thread.sleep(200);
            long b0 = HeapMeter.usedAfterGc();
            Map<String, long[]> h0 = HeapMeter.histogram();
            long t0 = System.nanoTime();
            AtomicInteger opened = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            int batch = 1000;
            for (int start = 0; start < n; start += batch) {
                int count = Math.min(batch, n - start);
                CountDownLatch batchDone = new CountDownLatch(count);
                client.eventLoop().execute(() -> {
                    for (int i = 0; i < count; i++) {
                        clientSession.openStream(new IdleHandler()).addListener(f -> {
                            (f.isSuccess() ? opened : failed).incrementAndGet();
                            batchDone.countDown();
                        });
                    }
                });
                if (!batchDone.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("opening streams stalled at " + opened.get());
                }
                if (failed.get() > 0) {
                    throw new IllegalStateException(failed.get() + " streams failed to open");
                }
            }
            awaitCondition(() -> serverInits.get() >= n, 120, "server to accept " + n + " streams");
            double openSeconds = (System.nanoTime() - t0) / 1e9;
            awaitCondition(() -> clientSession.streamCount() == n, 30, "client stream count");
            Thread.sleep(500); // the last ACKs
            long b1 = HeapMeter.usedAfterGc();
            Map<String, long[]> h1 = HeapMeter.histogram();
            int serverCount = serverSession.get().streamCount();
            // Drop the server side only: its session terminates and closes every server stream,
            // writing nothing, so the client side stays exactly as it was.
            AtomicReference<YamuxSession> removing = new AtomicReference<>(serverSession.getAndSet(null));
            serverChild.get().eventLoop().submit(() -> serverChild.get().pipeline().remove(removing.get())).sync();
            awaitCondition(() -> removing.get().isClosed(), 10, "server session to end");
            removing.set(null); // nothing of the server side may stay reachable from here
            Thread.sleep(1000);
            long b2 = HeapMeter.usedAfterGc();
            Map<String, long[]> h2 = HeapMeter.histogram();
            double total = (b1 - b0) / (double) n;
            double clientPer = (b2 - b0) / (double) n;
            double serverPer = (b1 - b2) / (double) n;
            result.put("streams", n);
            result.put("openSeconds", openSeconds);
            result.put("serverStreamCount", serverCount);
            result.put("clientStreamCount", clientSession.streamCount());
            result.put("heapBefore", b0);
            result.put("heapWithStreamsBothSides", b1);
            result.put("heapClientSideOnly", b2);
            result.put("bytesPerStreamBothEnds", total);
            result.put("bytesPerStreamClientSide", clientPer);
            result.put("bytesPerStreamServerSide", serverPer);
            result.put("bytesPerStreamAveragePerSide", total / 2);
            result.put("goalBytesPerStreamPerSide", 2048);
            result.put("clientSideTopClasses", HeapMeter.diffPer(h0, h2, n, histogramTop));
            result.put("serverSideTopClasses", HeapMeter.diffPer(h2, h1, n, histogramTop));
            json.put("idleHeap", result);
            md.append(String.format(Locale.ROOT, "## Heap per idle stream (%,d streams on one session, one trivial handler "
                    + "each; opened in %.1f s)%n%n", n, openSeconds));
            md.append("| side | bytes per stream | goal < 2048 |\n|---|---:|---|\n");
            md.append(String.format(Locale.ROOT, "| client (opener) | %.0f | %s |%n", clientPer, clientPer < 2048 ? "met" : "NOT met"));
            md.append(String.format(Locale.ROOT, "| server (acceptor) | %.0f | %s |%n", serverPer, serverPer < 2048 ? "met" : "NOT met"));
            md.append(String.format(Locale.ROOT, "| both ends together | %.0f | (%.0f per side on average) |%n%n", total, total / 2));
            md.append("Largest classes per stream, client side: ").append(topClasses(HeapMeter.diffPer(h0, h2, n, 8))).append("\n\n");
            md.append("Largest classes per stream, server side: ").append(topClasses(HeapMeter.diffPer(h2, h1, n, 8))).append("\n\n");
        } finally {
            client.close().await(10, TimeUnit.SECONDS);
            if (serverChild.get() != null) {
                serverChild.get().close().await(10, TimeUnit.SECONDS);
            }
            server.close().await(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Heap still held once streams are finished: the opener writes 100 bytes and closes (FIN) before
     * the peer's FIN, the acceptor answers the FIN with its own, and both sessions forget the stream.
     * Nothing should stay reachable; any bytes per stream here are retained garbage.
     */
    private void churnHeap(Map<String, Object> json, StringBuilder md) throws Exception {
        int n = churnStreams;
        PeerLog.out(String.format(Locale.ROOT, "closed-stream retention: %d short streams, closed by the opener first", n));
        YamuxConfig churnConfig = YamuxConfig.defaults()
                .withFloodLimits(YamuxConfig.defaults().maxPingsPerSecond(), 10_000_000, 10_000_000);
        AtomicInteger serverDone = new AtomicInteger();
        ChannelHandler serverInbound = new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                        io.netty.util.ReferenceCountUtil.release(msg);
                    }

                    @Override
                    public void userEventTriggered(io.netty.channel.ChannelHandlerContext ctx, Object evt) {
                        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
                            ((YamuxStreamChannel) ctx.channel()).shutdownOutput();
                        }
                    }

                    @Override
                    public void channelInactive(io.netty.channel.ChannelHandlerContext ctx) {
                        serverDone.incrementAndGet();
                    }
                });
            }
        };
        AtomicReference<Channel> serverChild = new AtomicReference<>();
        AtomicReference<YamuxSession> serverSession = new AtomicReference<>();
        Channel server = new ServerBootstrap().group(serverGroup).channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        serverChild.set(ch);
                        YamuxSession s = new YamuxSession(YamuxRole.SERVER, churnConfig, serverInbound);
                        serverSession.set(s);
                        ch.pipeline().addLast(s);
                    }
                }).bind(HOST, 0).sync().channel();
        Channel client = new Bootstrap().group(clientGroup).channel(transport.socketChannel())
                .handler(new YamuxSession(YamuxRole.CLIENT, churnConfig, null))
                .connect(server.localAddress()).sync().channel();
        YamuxSession clientSession = YamuxSession.of(client);
        AtomicInteger clientClosed = new AtomicInteger();
        ByteBuf hundred = Unpooled.unreleasableBuffer(Unpooled.directBuffer(100).writeZero(100));
        try {
            awaitCondition(() -> serverSession.get() != null, 10, "server session");
            Thread.sleep(200);
            long b0 = HeapMeter.usedAfterGc();
            Map<String, long[]> h0 = HeapMeter.histogram();
            long t0 = System.nanoTime();
            int batch = 1000;
            for (int start = 0; start < n; start += batch) {
                int count = Math.min(batch, n - start);
                int target = start + count;
                client.eventLoop().execute(() -> {
                    for (int i = 0; i < count; i++) {
                        clientSession.openStream(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelActive(io.netty.channel.ChannelHandlerContext ctx) {
                                // Graceful close once the bytes are framed: FIN, and the id is kept
                                // until the peer's FIN.
                                ctx.writeAndFlush(hundred.duplicate())
                                        .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
                            }

                            @Override
                            public void channelInactive(io.netty.channel.ChannelHandlerContext ctx) {
                                clientClosed.incrementAndGet();
                            }
                        });
                    }
                });
                awaitCondition(() -> serverDone.get() >= target && clientClosed.get() >= target, 60,
                        "batch of short streams to finish");
            }
            awaitCondition(() -> clientSession.streamCount() == 0 && serverSession.get().streamCount() == 0, 30,
                    "both sessions to forget every stream");
            double seconds = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(500);
            long b1 = HeapMeter.usedAfterGc();
            Map<String, long[]> h1 = HeapMeter.histogram();
            double retained = (b1 - b0) / (double) n;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("streams", n);
            result.put("seconds", seconds);
            result.put("streamsPerSecond", n / seconds);
            result.put("heapBefore", b0);
            result.put("heapAfter", b1);
            result.put("retainedBytesPerClosedStream", retained);
            result.put("topClasses", HeapMeter.diffPer(h0, h1, n, histogramTop));
            json.put("closedStreamRetention", result);
            md.append(String.format(Locale.ROOT, "## Heap retained after %,d short streams have finished (opener closes first; "
                    + "%.0f streams/s)%n%n", n, n / seconds));
            md.append(String.format(Locale.ROOT, "| retained bytes per finished stream (both sides) | expected |%n|---:|---|%n"
                    + "| %.0f | ~0 |%n%n", retained));
            md.append("Largest retained classes per stream: ").append(topClasses(HeapMeter.diffPer(h0, h1, n, 8))).append("\n\n");
        } finally {
            client.close().await(10, TimeUnit.SECONDS);
            if (serverChild.get() != null) {
                serverChild.get().close().await(10, TimeUnit.SECONDS);
            }
            server.close().await(5, TimeUnit.SECONDS);
        }
    }

    private static String topClasses(List<Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> r : rows) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            String cls = (String) r.get("class");
            sb.append(String.format(Locale.ROOT, "%s %.0f B (%.2f/stream)", cls.substring(cls.lastIndexOf('.') + 1),
                    (Double) r.get("bytesPerStream"), (Double) r.get("instancesPerStream")));
        }
        return sb.toString();
    }

    interface Condition {
        boolean holds();
    }

    static void awaitCondition(Condition c, long seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!c.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(HOST, port);
    }
}
