package io.jfrp.protocol.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real sockets around a relay under test: a work connection, a public connection accepted from a
 * plain socket and joined to it, random bytes sent from that socket, and their hash (SHA-256, hex)
 * where they arrive.
 */
final class RelaySockets {
    /** The most one NIO read hands over (Netty's adaptive allocator's maximum buffer). */
    static final int ONE_READ = 64 << 10;
    /** What the fast client sends: far more than any water mark or socket buffer on the way. */
    static final int TOTAL = 32 << 20;

    private RelaySockets() {
    }

    /**
     * Waits until {@code held} has passed {@code high}, then asserts that it stays within one read of
     * it for a second: the relay stopped reading there.
     */
    static void assertHeldWithinOneReadOf(long high, LongSupplier held, String what) {
        await().atMost(Duration.ofSeconds(10)).until(() -> held.getAsLong() > high);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(held.getAsLong())
                        .as("%s (the writer's high mark is %d)", what, high)
                        .isLessThanOrEqualTo(high + ONE_READ));
    }

    /** Once the client has sent everything it ends its output; what arrived must hash as what was sent. */
    static void assertAllArrived(Socket client, Future<String> sentHash, Future<String> arrivedHash) throws Exception {
        assertThat(sentHash.get(20, TimeUnit.SECONDS)).as("sent").isNotEmpty();
        client.shutdownOutput();
        assertThat(arrivedHash.get(20, TimeUnit.SECONDS)).as("every byte arrived, in order")
                .isEqualTo(sentHash.get());
    }

    /** A work connection from {@code loop} to {@code sink}, with {@code handler} at its socket end. */
    static SocketChannel connect(EventLoop loop, ChannelHandler handler, SocketAddress sink) throws InterruptedException {
        return (SocketChannel) new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .handler(handler).connect(sink).sync().channel();
    }

    /**
     * Accepts {@code client}'s connection on {@code publicLoop} (auto-read off until the relay joins
     * it), joins it to {@code work} and starts sending {@link #TOTAL} bytes; the future gives their
     * hash once all are sent. The listener closes once it has accepted.
     */
    static CompletableFuture<String> relayAndSend(EventLoop publicLoop, Socket client, SocketChannel work) throws Exception {
        CompletableFuture<SocketChannel> accepted = new CompletableFuture<>();
        Channel listener = new ServerBootstrap().group(publicLoop).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.complete(ch);
                    }
                }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        try {
            client.connect(listener.localAddress());
            SocketChannel pub = accepted.get(5, TimeUnit.SECONDS);
            CompletableFuture<String> sentHash = CompletableFuture.supplyAsync(() -> sendAll(client));
            Relay.join(pub, work);
            return sentHash;
        } finally {
            listener.close().sync();
        }
    }

    /** Sends {@link #TOTAL} random bytes to {@code client}; returns their hash. */
    static String sendAll(Socket client) {
        try {
            OutputStream out = client.getOutputStream();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Random random = new Random(12);
            byte[] chunk = new byte[256 << 10];
            for (int sent = 0; sent < TOTAL; sent += chunk.length) {
                random.nextBytes(chunk);
                sha.update(chunk);
                out.write(chunk);
            }
            out.flush();
            return HexFormat.of().formatHex(sha.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code socket} to its end, which must come after exactly {@link #TOTAL} bytes; returns their hash. */
    static String hashAll(Socket socket) {
        try (InputStream in = socket.getInputStream()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 << 10];
            long read = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
                read += n;
            }
            assertThat(read).isEqualTo(TOTAL);
            return HexFormat.of().formatHex(sha.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
