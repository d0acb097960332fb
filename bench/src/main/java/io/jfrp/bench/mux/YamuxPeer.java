package io.jfrp.bench.mux;

import io.jfrp.mux.YamuxConfig;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A yamux peer for interoperability and load tests: point another yamux implementation at ours, or
 * ours at it. See bench/README.md.
 */
@Command(name = "jfrp-mux-peer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "A yamux peer on jfrp's mux (Netty) for interop and load tests.",
                "  listen HOST:PORT  accept connections; each gets a yamux session (server role unless --role).",
                "  dial HOST:PORT    connect once; one yamux session (client role unless --role).",
                "Modes: echo (default) echoes every stream the peer opens and half-closes after the peer's FIN;",
                "discard reads and drops, prints a RECV line per stream, and half-closes after the peer's FIN;",
                "drive opens --streams streams, each sending --bytes (or for --seconds) of seeded random data,",
                "half-closing, and reading until the peer half-closes; with --expect echo (default) it checks",
                "length and SHA-256 of the echo. drive prints one SUMMARY line and exits 1 on any failure.",
                "Result lines (LISTENING, RECV, SUMMARY) go to stdout, logs to stderr."})
public final class YamuxPeer implements Callable<Integer> {
    enum Action { listen, dial }

    enum Mode { echo, discard, drive }

    enum Expect { echo, discard }

    @Parameters(index = "0", description = "listen or dial") Action action;
    @Parameters(index = "1", paramLabel = "HOST:PORT", description = "address to listen on or dial (port 0: any, listen only)")
    String address;

    @Option(names = "--mode", description = "echo, discard or drive (default: ${DEFAULT-VALUE})", defaultValue = "echo")
    Mode mode;
    @Option(names = "--role", description = "yamux role: client (odd stream ids) or server (even); default: dialler=client, listener=server")
    YamuxRole role;
    @Option(names = "--tls", description = "TLS. listen: throw-away self-signed certificate made at start (Bouncy Castle). "
            + "dial: TRUSTS ANY CERTIFICATE - test tool only, no authentication.")
    boolean tls;
    @Option(names = "--raw", description = "plain TCP, no yamux (a baseline): each drive stream is its own connection")
    boolean raw;

    @Option(names = "--streams", description = "drive: streams to open (default: ${DEFAULT-VALUE})", defaultValue = "1")
    int streams;
    @Option(names = "--concurrency", description = "drive: streams in flight at once (default: all)")
    Integer concurrency;
    @Option(names = "--bytes", description = "drive: bytes each stream sends, e.g. 1MiB (default: ${DEFAULT-VALUE})",
            defaultValue = "1MiB", converter = ByteSize.class)
    long bytes;
    @Option(names = "--seconds", description = "drive: each stream sends for this long instead of --bytes")
    double seconds;
    @Option(names = "--expect", description = "drive: what the peer does with our bytes: echo (verify SHA-256) or discard "
            + "(expect none back; the peer's FIN marks arrival). Default: ${DEFAULT-VALUE}", defaultValue = "echo")
    Expect expect;
    @Option(names = "--seed", description = "drive: random seed (default: ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;
    @Option(names = "--chunk", description = "drive: bytes per write (default: ${DEFAULT-VALUE})", defaultValue = "16KiB",
            converter = ByteSize.class)
    long chunk;

    @Option(names = "--timeout", description = "seconds: drive fails what is not done by then; listen/echo/discard "
            + "exit after it (default: ${DEFAULT-VALUE})", defaultValue = "600")
    double timeoutSeconds;
    @Option(names = "--fixed-window", description = "receive window fixed at 256 KiB (auto-tuning off). Note the SENDER's "
            + "window is the RECEIVER's setting: give this to the receiving side")
    boolean fixedWindow;
    @Option(names = "--max-window", description = "largest receive window with auto-tuning (default: reference.conf)",
            converter = ByteSize.class)
    Long maxWindow;
    @Option(names = "--max-syns-per-second", description = "SYN flood limit (default: reference.conf)")
    Integer maxSyns;
    @Option(names = "--max-streams", description = "max concurrent streams (default: reference.conf)")
    Integer maxStreams;
    @Option(names = "--transport", description = "auto, epoll or nio (default: ${DEFAULT-VALUE})", defaultValue = "auto")
    String transportName;
    @Option(names = "--quiet", description = "no RECV line per discarded stream")
    boolean quiet;

    public static void main(String[] args) {
        int code = new CommandLine(new YamuxPeer()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        System.exit(code);
    }

    YamuxConfig yamuxConfig() {
        YamuxConfig c = YamuxConfig.defaults();
        if (fixedWindow) {
            c = c.withWindow(false, YamuxConfig.INITIAL_WINDOW);
        } else if (maxWindow != null) {
            c = c.withWindow(true, Math.toIntExact(maxWindow));
        }
        if (maxSyns != null) {
            c = c.withFloodLimits(c.maxPingsPerSecond(), c.maxResetsPerSecond(), maxSyns);
        }
        if (maxStreams != null) {
            c = c.withMaxConcurrentStreams(maxStreams);
        }
        return c;
    }

    /** The handler for streams the peer opens (and, with --raw, for the connection itself). */
    private ChannelHandler servingHandler() {
        Mode serve = mode == Mode.drive ? Mode.echo : mode;
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(serve == Mode.discard ? new DiscardHandler(quiet) : new EchoHandler());
            }
        };
    }

    @Override
    public Integer call() throws Exception {
        if (raw && tls) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--raw and --tls together are not supported");
        }
        if (raw && action == Action.listen && mode == Mode.drive) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--raw drive needs dial (each stream is a connection)");
        }
        Transport transport = Transport.choose(transportName);
        InetSocketAddress addr = HostPort.parse(address);
        YamuxRole yamuxRole = role != null ? role : action == Action.dial ? YamuxRole.CLIENT : YamuxRole.SERVER;
        YamuxConfig config = yamuxConfig();
        SslContext ssl = !tls ? null : action == Action.listen ? SelfSignedTls.server() : SelfSignedTls.insecureClient();
        long timeoutNanos = (long) (timeoutSeconds * 1e9);
        PeerLog.info("%s %s mode=%s transport=%s %s role=%s tls=%s config=%s", action, addr, mode, transport,
                raw ? "raw-tcp" : "yamux", yamuxRole, tls, raw ? "-" : config);
        EventLoopGroup group = transport.newGroup(action == Action.listen ? 0 : 1);
        try {
            return action == Action.listen ? listen(transport, group, addr, yamuxRole, config, ssl, timeoutNanos)
                    : dial(transport, group, addr, yamuxRole, config, ssl, timeoutNanos);
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    private void initPipeline(Channel ch, YamuxRole yamuxRole, YamuxConfig config, SslContext ssl) {
        ChannelPipeline p = ch.pipeline();
        if (ssl != null) {
            p.addLast("tls", ssl.newHandler(ch.alloc()));
        }
        if (raw) {
            p.addLast(servingHandler());
        } else {
            p.addLast("yamux", new YamuxSession(yamuxRole, config, servingHandler()));
        }
    }

    private int listen(Transport transport, EventLoopGroup group, InetSocketAddress addr, YamuxRole yamuxRole,
                       YamuxConfig config, SslContext ssl, long timeoutNanos) throws Exception {
        Promise<Channel> firstConnection = group.next().newPromise();
        ServerBootstrap b = new ServerBootstrap().group(group).channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        PeerLog.info("accepted %s", ch.remoteAddress());
                        ch.closeFuture().addListener(f -> PeerLog.info("connection from %s closed", ch.remoteAddress()));
                        if (mode == Mode.drive) {
                            // Only one connection is driven; more are served (echo) like any listener.
                            initPipeline(ch, yamuxRole, config, ssl);
                            whenReady(ch).addListener(f -> firstConnection.trySuccess(ch));
                        } else {
                            initPipeline(ch, yamuxRole, config, ssl);
                        }
                    }
                });
        Channel server = b.bind(addr).sync().channel();
        PeerLog.out("LISTENING " + toHostPort((InetSocketAddress) server.localAddress()));
        try {
            if (mode != Mode.drive) {
                server.closeFuture().await(timeoutNanos, TimeUnit.NANOSECONDS);
                PeerLog.info("listener done (timeout %.0f s)", timeoutSeconds);
                return 0;
            }
            long start = System.nanoTime();
            if (!firstConnection.await(timeoutNanos, TimeUnit.NANOSECONDS)) {
                PeerLog.warn("no connection within the timeout");
                return 1;
            }
            Channel ch = firstConnection.getNow();
            return drive(StreamOpener.yamux(YamuxSession.of(ch)), "yamux", timeoutNanos - (System.nanoTime() - start), ch);
        } finally {
            server.close().await(2, TimeUnit.SECONDS);
        }
    }

    private int dial(Transport transport, EventLoopGroup group, InetSocketAddress addr, YamuxRole yamuxRole,
                     YamuxConfig config, SslContext ssl, long timeoutNanos) throws Exception {
        long start = System.nanoTime();
        Bootstrap b = new Bootstrap().group(group).channel(transport.socketChannel())
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(30_000, timeoutNanos / 1_000_000))
                .remoteAddress(addr);
        if (raw && mode == Mode.drive) {
            return drive(StreamOpener.tcp(b), "tcp", timeoutNanos, null);
        }
        ChannelFuture cf = b.handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                initPipeline(ch, yamuxRole, config, ssl);
            }
        }).connect();
        if (!cf.await(timeoutNanos, TimeUnit.NANOSECONDS) || !cf.isSuccess()) {
            PeerLog.warn("cannot connect to %s: %s", addr, cf.cause() != null ? cf.cause() : "timeout");
            cf.channel().close();
            return 2;
        }
        Channel ch = cf.channel();
        Future<?> ready = whenReady(ch);
        long left = timeoutNanos - (System.nanoTime() - start);
        if (!ready.await(Math.max(left, 0), TimeUnit.NANOSECONDS) || !ready.isSuccess()) {
            PeerLog.warn("TLS handshake with %s failed: %s", addr, ready.cause() != null ? ready.cause() : "timeout");
            ch.close();
            return 2;
        }
        if (mode == Mode.drive) {
            return drive(StreamOpener.yamux(YamuxSession.of(ch)), "yamux", timeoutNanos - (System.nanoTime() - start), ch);
        }
        left = timeoutNanos - (System.nanoTime() - start);
        if (!ch.closeFuture().await(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
            PeerLog.info("timeout (%.0f s): closing", timeoutSeconds);
            closeConnection(ch);
        }
        return 0;
    }

    private static Future<?> whenReady(Channel ch) {
        SslHandler tlsHandler = ch.pipeline().get(SslHandler.class);
        return tlsHandler != null ? tlsHandler.handshakeFuture() : ch.newSucceededFuture();
    }

    private int drive(StreamOpener opener, String transportLabel, long timeoutNanos, Channel connection)
            throws InterruptedException {
        DriveRun run = new DriveRun();
        run.streams = streams;
        run.concurrency = concurrency != null ? concurrency : streams;
        run.bytesPerStream = bytes;
        run.sendSeconds = seconds;
        run.expectEcho = expect == Expect.echo;
        run.seed = seed;
        run.chunk = Math.toIntExact(chunk);
        run.timeoutNanos = Math.max(timeoutNanos, 0);
        PeerLog.info("driving %d streams over %s", streams, opener.describe());
        DriveRun.Summary s = run.run(opener);
        for (String e : s.errors) {
            PeerLog.warn("%s", e);
        }
        PeerLog.out(s.line(transportLabel + (tls ? "+tls" : "")));
        if (connection != null) {
            closeConnection(connection);
        }
        return s.failures == 0 ? 0 : 1;
    }

    private static void closeConnection(Channel ch) throws InterruptedException {
        YamuxSession session = YamuxSession.of(ch);
        if (session != null && ch.isActive()) {
            session.close().await(2, TimeUnit.SECONDS);
        }
        ch.close().await(2, TimeUnit.SECONDS);
    }

    static String toHostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
