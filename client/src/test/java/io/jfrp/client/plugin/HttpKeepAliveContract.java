package io.jfrp.client.plugin;

import io.jfrp.client.proxy.LocalDialer;
import io.jfrp.client.proxy.UserConn;
import io.jfrp.client.proxy.WorkConnServer;
import io.jfrp.config.model.proxy.ProxyPlugin;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keep-alive rule of a forwarding plugin's HTTP/1.1 server, as frp's Go server keeps it
 * (ReadHeaderTimeout, no IdleTimeout), on real sockets: the plugin serves each accepted connection as
 * it serves a work connection (half closure allowed), forwarding to a real backend whose answer's
 * SHA-256 is checked. An idle keep-alive connection outlives the head deadline; a head begun (first
 * request, after an idle wait, or pipelined behind a request) is cut at it; the client's FIN closes
 * an idle connection, and one with a request in flight once its answer is out; a kept upstream
 * connection is closed when unused, the client's staying open. Deadlines are short here (the
 * plugins take them as parameters); waits beyond them are a few times their length.
 */
public abstract class HttpKeepAliveContract {
    /** The head deadline of the tests that wait past it. */
    protected static final long SHORT_HEAD_MILLIS = 300;
    /** Long enough that only the client's FIN can have closed a connection within {@link #CLOSE_WITHIN}. */
    protected static final long LONG_MILLIS = TimeUnit.SECONDS.toMillis(60);
    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(10);
    private static final byte[] BODY = new byte[100_000];

    static {
        new Random(42).nextBytes(BODY);
    }

    protected EventLoopGroup loops;
    /** The backend's open connections. */
    private final Set<Channel> backendConnections = ConcurrentHashMap.newKeySet();
    /** The plugin's side of each accepted connection. */
    private final Set<Channel> served = ConcurrentHashMap.newKeySet();
    private Channel backend;
    private Channel listener;

    /** The plugin under test, with these deadlines. */
    protected abstract WorkConnServer plugin(PluginContext context, long headTimeoutMillis, long upstreamIdleMillis)
            throws IOException;

    /** The plugin's localAddr (unused by http_proxy, which takes the target from the request). */
    protected String localAddr() {
        return "127.0.0.1:" + backendPort();
    }

    /** TLS ends in the plugin (https2*). */
    protected abstract boolean tlsFront();

    /** TLS from the plugin to the backend (*2https). */
    protected abstract boolean tlsBackend();

    /** The request target of a GET of {@code path} (origin form; absolute for http_proxy). */
    protected String target(String path) {
        return path;
    }

    protected final int backendPort() {
        return ((InetSocketAddress) backend.localAddress()).getPort();
    }

    @BeforeEach
    void startBackend() throws Exception {
        loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        SslContext tls = tlsBackend() ? PluginTls.server("", "", List.of()) : null;
        backend = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        backendConnections.add(ch);
                        ch.closeFuture().addListener(f -> backendConnections.remove(ch));
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                HttpResponseStatus.OK, Unpooled.wrappedBuffer(BODY));
                                        HttpUtil.setContentLength(resp, BODY.length);
                                        resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
                                        ctx.writeAndFlush(resp);
                                    }
                                });
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    }

    /** Serves the plugin on a local port; its address. */
    protected final InetSocketAddress servePlugin(long headTimeoutMillis, long upstreamIdleMillis) throws Exception {
        LocalDialer dialer = new LocalDialer(NioSocketChannel.class, Duration.ofSeconds(5));
        PluginContext context = new PluginContext("keepalive", new ProxyPlugin("test", localAddr(), "", Map.of(), true,
                "", "", "", "", "", "", "", "", ""), dialer, null);
        WorkConnServer plugin = plugin(context, headTimeoutMillis, upstreamIdleMillis);
        listener = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        served.add(ch);
                        plugin.serve(ch, new UserConn("keepalive", null, null));
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
        return (InetSocketAddress) listener.localAddress();
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        backend.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A client connection: the socket to write and read, and the plain socket under TLS (for its FIN). */
    public record Client(Socket socket, Socket plain) implements AutoCloseable {
        public void send(String text) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Ends the client's sending: a FIN, without TLS's close_notify. */
        public void fin() throws IOException {
            plain.shutdownOutput();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A connection to the plugin, over TLS for https2* offering {@code alpn} (none if empty). */
    protected final Client connect(InetSocketAddress at, String... alpn) throws Exception {
        Socket plain = new Socket();
        plain.connect(at, 5000);
        plain.setSoTimeout((int) CLOSE_WITHIN.toMillis());
        if (!tlsFront()) {
            return new Client(plain, plain);
        }
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[]{new TrustAll()}, null);
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost", at.getPort(), true);
        if (alpn.length > 0) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(alpn);
            socket.setSSLParameters(parameters);
        }
        socket.startHandshake();
        return new Client(socket, plain);
    }

    protected final String get(String path) {
        return "GET " + target(path) + " HTTP/1.1\r\nHost: 127.0.0.1:" + backendPort() + "\r\n\r\n";
    }

    /** Reads an answer's head, to its empty line. */
    protected static String readHead(Client c) throws IOException {
        InputStream in = c.socket().getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the answer's head so far: %s", head).isNotNegative();
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** The SHA-256 of the backend's answer body. */
    protected static String bodySha256() {
        return sha256(BODY);
    }

    /** Reads one response with a Content-Length; asserts a 200 whose body is the backend's bytes. */
    protected static void assertAnswered(Client c) throws IOException {
        String text = readHead(c);
        assertThat(text).startsWith("HTTP/1.1 200 OK\r\n");
        int length = text.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .map(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElseThrow();
        byte[] body = c.socket().getInputStream().readNBytes(length);
        assertThat(sha256(body)).isEqualTo(bodySha256());
    }

    /** The server closes {@code c}: its next read ends, within {@link #CLOSE_WITHIN}. */
    private static void assertClosedByServer(Client c) throws IOException {
        try {
            assertThat(c.socket().getInputStream().read()).isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open " + CLOSE_WITHIN + " on", e);
        } catch (IOException e) {
            // a reset also ends it
        }
    }

    protected final void assertAllServedClosed() throws InterruptedException {
        for (Channel ch : served) {
            assertThat(ch.closeFuture().await(CLOSE_WITHIN.toMillis())).as("the plugin's side closed").isTrue();
        }
    }

    @Test
    void anIdleKeepAliveConnectionOutlivesTheHeadDeadline() throws Exception {
        InetSocketAddress at = servePlugin(SHORT_HEAD_MILLIS, LONG_MILLIS);
        try (Client c = connect(at)) {
            c.send(get("/one"));
            assertAnswered(c);

            Thread.sleep(4 * SHORT_HEAD_MILLIS);

            c.send(get("/two"));
            assertAnswered(c);
        }
    }

    @Test
    void aHeadBegunAfterAnIdleWaitIsCutAtTheDeadline() throws Exception {
        InetSocketAddress at = servePlugin(SHORT_HEAD_MILLIS, LONG_MILLIS);
        try (Client c = connect(at)) {
            c.send(get("/one"));
            assertAnswered(c);
            Thread.sleep(2 * SHORT_HEAD_MILLIS);

            long begun = System.nanoTime();
            c.send("GET /two HTTP/1.1\r\nHost: x");

            assertClosedByServer(c);
            assertThat(System.nanoTime() - begun).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(SHORT_HEAD_MILLIS));
        }
    }

    @Test
    void aHeadPipelinedBehindARequestIsCutAtTheDeadline() throws Exception {
        InetSocketAddress at = servePlugin(SHORT_HEAD_MILLIS, LONG_MILLIS);
        try (Client c = connect(at)) {
            c.send(get("/one") + "GET /two HTTP/1.1\r\nHost: x");
            assertAnswered(c);
            assertClosedByServer(c);
        }
    }

    @Test
    void theFirstHeadMustComeWithinTheDeadlineOfTheConnectionsStart() throws Exception {
        InetSocketAddress at = servePlugin(SHORT_HEAD_MILLIS, LONG_MILLIS);
        try (Client c = connect(at)) {
            assertClosedByServer(c);
        }
    }

    @Test
    void theClientsFinClosesAnIdleConnection() throws Exception {
        InetSocketAddress at = servePlugin(LONG_MILLIS, LONG_MILLIS);
        try (Client c = connect(at)) {
            c.send(get("/one"));
            assertAnswered(c);

            c.fin();

            assertClosedByServer(c);
        }
        assertAllServedClosed();
    }

    @Test
    void aFinAfterARequestClosesOnceItsAnswerIsOut() throws Exception {
        InetSocketAddress at = servePlugin(LONG_MILLIS, LONG_MILLIS);
        try (Client c = connect(at)) {
            c.send(get("/one"));
            c.fin();

            assertAnswered(c);
            assertClosedByServer(c);
        }
        assertAllServedClosed();
    }

    @Test
    void anUnusedUpstreamConnectionIsClosedAndTheClientsKept() throws Exception {
        InetSocketAddress at = servePlugin(LONG_MILLIS, SHORT_HEAD_MILLIS);
        try (Client c = connect(at)) {
            c.send(get("/one"));
            assertAnswered(c);

            long until = System.nanoTime() + CLOSE_WITHIN.toNanos();
            while (!backendConnections.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(backendConnections).as("the backend's connections").isEmpty();

            c.send(get("/two"));
            assertAnswered(c);
        }
    }

    protected static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trusts the plugin's certificate made at start. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
