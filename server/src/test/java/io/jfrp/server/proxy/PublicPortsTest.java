package io.jfrp.server.proxy;

import io.jfrp.server.transport.EventLoops;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link PublicPorts} on real sockets: where accepted connections are registered. */
class PublicPortsTest {
    private final EventLoops loops = EventLoops.create();
    private final PublicPorts ports = new PublicPorts(new PortPolicy(port -> true, 0), loops, "127.0.0.1");
    private final List<Channel> accepted = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        accepted.forEach(Channel::close);
        loops.close();
    }

    @ChannelHandler.Sharable
    private final class Recorder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            accepted.add(ctx.channel());
        }
    }

    @Test
    void connectionsGoToTheLoopTheProxyGives() throws Exception {
        // What a tcp proxy passes: its control's loop, where with tcpMux its work streams are too.
        EventLoop controlLoop = loops.workerGroup().next();
        Channel listener = ports.listen(port -> "r1", 0, new Recorder(), controlLoop, controlLoop)
                .get(10, TimeUnit.SECONDS);
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        try {
            connectOneByOne(port, 6);
            assertThat(accepted).hasSize(6).allSatisfy(ch -> assertThat(ch.eventLoop()).isSameAs(controlLoop));
        } finally {
            ports.close(port0 -> "r1", listener);
        }
    }

    @Test
    void withoutALoopConnectionsSpreadOverTheWorkerLoops() throws Exception {
        EventLoop executor = loops.workerGroup().next();
        Channel listener = ports.listen(port -> "r1", 0, new Recorder(), executor).get(10, TimeUnit.SECONDS);
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        try {
            // Netty's chooser takes the worker loops in turn: two connections land on two loops
            // whenever there is more than one (2 x cores).
            connectOneByOne(port, 2);
            assertThat(accepted.get(0).eventLoop()).isNotSameAs(accepted.get(1).eventLoop());
        } finally {
            ports.close(port0 -> "r1", listener);
        }
    }

    /**
     * At shutdown proxies close their listeners while (or after) the loops stop: the close must not
     * throw, nor hand its clean-up to a loop that rejects it, and the port must still be given back,
     * once, however often close is called.
     */
    @Test
    void closingAfterTheLoopsStoppedGivesThePortBackWithoutThrowing() throws Exception {
        PortPolicy policy = new PortPolicy(port -> true, 1);
        PublicPorts limited = new PublicPorts(policy, loops, "127.0.0.1");
        Channel listener = limited.listen(port -> "r1", 0, new Recorder(), loops.workerGroup().next())
                .get(10, TimeUnit.SECONDS);
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        loops.close();
        assertThat(loops.workerGroup().isTerminated()).isTrue();

        limited.close(port0 -> "r1", listener);
        limited.close(port0 -> "r1", listener);

        assertThat(policy.reserve("r2", port)).as("the port is free again").isNull();
        assertThat(policy.reserve("r1", port + 1)).as("r1 holds no port any more (maxPortsPerClient 1)").isNull();
    }

    @Test
    void aPortBoundOutsideJfrpsIsUnavailableAsFrpsSaysAndIsGivenBack() throws Exception {
        PortPolicy policy = new PortPolicy(port -> true, 0);
        PublicPorts guarded = new PublicPorts(policy, loops, "127.0.0.1");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            io.netty.util.concurrent.Future<Channel> bound = guarded.listen(p -> "r1", port, new Recorder(),
                    loops.workerGroup().next());
            assertThat(bound.await(10, TimeUnit.SECONDS)).isTrue();
            Throwable cause = bound.cause();

            assertThat(cause).isInstanceOf(ProxyRefusal.class).hasMessage("port unavailable"); // frps's ErrPortUnAvailable
            assertThat(((ProxyRefusal) cause).detail()).startsWith("port " + port + " is unavailable: ");
            assertThat(policy.reserve("r2", port)).as("the port was given back").isNull();
        }
    }

    /** Opens {@code count} connections to {@code port} one after another, closing each once it was accepted. */
    private void connectOneByOne(int port, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                int expected = i + 1;
                await().atMost(10, TimeUnit.SECONDS).until(() -> accepted.size() == expected);
            }
        }
    }
}
