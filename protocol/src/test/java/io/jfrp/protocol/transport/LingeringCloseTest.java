package io.jfrp.protocol.transport;

import io.jfrp.testkit.RequiredTools;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LingeringClose} on real sockets, NIO and epoll: a peer that sent more than its request gets
 * the answer and then a FIN, not a reset (closing a socket with bytes unread resets it); the linger
 * ends on the peer's FIN, at its deadline for a peer that keeps sending without end, and at its byte
 * bound for a peer that sends a lot, with nothing of what it sent reaching the pipeline.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LingeringCloseTest {
    private static final byte[] REQUEST = "REQUEST".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANSWER = "REFUSED: the reason, in full".getBytes(StandardCharsets.US_ASCII);

    private EventLoopGroup group;
    private Channel listener;
    private final CompletableFuture<Channel> accepted = new CompletableFuture<>();
    /** Bytes that reached the pipeline after the linger began (must stay 0). */
    private final AtomicLong readAfterAnswer = new AtomicLong();

    @AfterEach
    void stop() throws InterruptedException {
        if (listener != null) {
            listener.close().sync();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /**
     * A server that answers the first {@link #REQUEST} with {@link #ANSWER} and closes through
     * {@link LingeringClose} with the given bounds.
     */
    private int serve(String transport, long deadlineMillis, int maxBytes) throws InterruptedException {
        IoHandlerFactory io;
        Class<? extends ServerChannel> type;
        if (transport.equals("epoll")) {
            if (!Epoll.isAvailable()) {
                RequiredTools.missing("epoll is unavailable here: " + Epoll.unavailabilityCause());
            }
            io = HalfCloseSafeEpoll.newFactory();
            type = EpollServerSocketChannel.class;
        } else {
            io = NioIoHandler.newFactory();
            type = NioServerSocketChannel.class;
        }
        group = new MultiThreadIoEventLoopGroup(1, io);
        listener = new ServerBootstrap().group(group).channel(type).childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                accepted.complete(ch);
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    private boolean answered;

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf buf = (ByteBuf) msg;
                        if (answered) {
                            readAfterAnswer.addAndGet(buf.readableBytes());
                        } else if (buf.readableBytes() >= REQUEST.length) {
                            answered = true;
                            ctx.writeAndFlush(Unpooled.wrappedBuffer(ANSWER))
                                    .addListener(f -> LingeringClose.close(ctx.channel(), deadlineMillis, maxBytes));
                        }
                        buf.release();
                    }
                });
            }
        }).bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        s.setSoTimeout(20_000);
        return s;
    }

    /** Reads exactly the answer, then the next read: -1 for a FIN, an exception for a reset. */
    private static void assertAnswerThenFin(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        assertThat(in.readNBytes(ANSWER.length)).as("the answer").isEqualTo(ANSWER);
        assertThat(in.read()).as("after the answer: the server's FIN (a reset throws)").isEqualTo(-1);
    }

    /** Sends the request and 16 KiB more at once, as a client that does not wait for the answer. */
    private static OutputStream requestAndMore(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        byte[] both = new byte[REQUEST.length + 16 * 1024];
        System.arraycopy(REQUEST, 0, both, 0, REQUEST.length);
        out.write(both);
        out.flush();
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll"})
    void aPeerThatSentMoreGetsTheAnswerThenAFinAndTheLingerEndsOnItsFin(String transport) throws Exception {
        int port = serve(transport, TimeUnit.MINUTES.toMillis(1), LingeringClose.MAX_DISCARDED_BYTES);
        try (Socket s = connect(port)) {
            OutputStream out = s.getOutputStream();
            byte[] more = new byte[64 * 1024];
            byte[] both = new byte[REQUEST.length + more.length];
            System.arraycopy(REQUEST, 0, both, 0, REQUEST.length);
            out.write(both);
            out.flush();
            Channel server = accepted.get(10, TimeUnit.SECONDS);
            // Its request answered, the peer writes more before it reads: with a plain close, these
            // bytes (unread, or arriving after the close) make the server's socket send a reset.
            out.write(more);
            out.flush();
            assertAnswerThenFin(s);
            assertThat(server.isOpen()).as("the server still reads what the peer sends").isTrue();
            s.shutdownOutput();
            assertThat(server.closeFuture().await(10, TimeUnit.SECONDS))
                    .as("closed on the peer's FIN, long before the one-minute deadline").isTrue();
        }
        assertThat(readAfterAnswer).as("bytes that reached the pipeline after the answer").hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll"})
    void aCloseAskedWhileLingeringWaitsAndCloseNowEndsTheLinger(String transport) throws Exception {
        int port = serve(transport, TimeUnit.MINUTES.toMillis(1), LingeringClose.MAX_DISCARDED_BYTES);
        try (Socket s = connect(port)) {
            requestAndMore(s);
            Channel server = accepted.get(10, TimeUnit.SECONDS);
            assertAnswerThenFin(s);
            ChannelFuture asked = server.close();
            server.eventLoop().submit(() -> { }).sync(); // the close has run on the loop
            assertThat(server.isOpen()).as("a close asked while lingering waits for the linger's end").isTrue();
            LingeringClose.closeNow(server);
            assertThat(server.closeFuture().await(10, TimeUnit.SECONDS)).as("closed by closeNow").isTrue();
            assertThat(asked.await(10, TimeUnit.SECONDS)).as("the waiting close's promise").isTrue();
            assertThat(asked.isSuccess()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll"})
    void aPeerThatKeepsSendingIsClosedAtTheDeadline(String transport) throws Exception {
        int port = serve(transport, 500, LingeringClose.MAX_DISCARDED_BYTES);
        try (Socket s = connect(port)) {
            OutputStream out = requestAndMore(s);
            Channel server = accepted.get(10, TimeUnit.SECONDS);
            assertAnswerThenFin(s);
            // A trickle that would go on for 20 s (100 bytes per 20 ms: far below the byte bound) and
            // never sends a FIN: the deadline ends it.
            long sent = 0;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            try {
                while (server.isOpen() && System.nanoTime() < until) {
                    out.write(new byte[100]);
                    out.flush();
                    sent += 100;
                    Thread.sleep(20);
                }
            } catch (IOException resetOnceClosed) {
                // the server closed with the last bytes unread: the peer's write meets the reset
            }
            assertThat(server.closeFuture().await(10, TimeUnit.SECONDS)).as("closed by the deadline").isTrue();
            assertThat(sent).as("bytes the trickle sent before the close").isLessThan(LingeringClose.MAX_DISCARDED_BYTES);
        }
        assertThat(readAfterAnswer).as("bytes that reached the pipeline after the answer").hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll"})
    void aPeerThatSendsALotIsClosedAtTheByteBound(String transport) throws Exception {
        int bound = 256 * 1024;
        int port = serve(transport, TimeUnit.MINUTES.toMillis(1), bound);
        long sent = 0;
        try (Socket s = connect(port)) {
            OutputStream out = requestAndMore(s);
            Channel server = accepted.get(10, TimeUnit.SECONDS);
            assertAnswerThenFin(s);
            byte[] chunk = new byte[64 * 1024];
            try {
                // at most 256 MiB: a server that never stopped reading would be seen to
                while (sent < 256L << 20) {
                    out.write(chunk);
                    sent += chunk.length;
                }
            } catch (IOException resetAtTheBound) {
                // expected: closed with bytes unread
            }
            assertThat(server.closeFuture().await(10, TimeUnit.SECONDS))
                    .as("closed at the byte bound, long before the one-minute deadline").isTrue();
        }
        // What the peer could write before its write failed: the bound, plus what the two sockets'
        // buffers hold (a few MiB on loopback), never the 256 MiB it tried.
        assertThat(sent).as("bytes written before the reset").isLessThan(64L << 20);
        assertThat(readAfterAnswer).as("bytes that reached the pipeline after the answer").hasValue(0);
    }
}
