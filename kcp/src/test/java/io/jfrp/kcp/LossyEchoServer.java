package io.jfrp.kcp;

import io.netty.channel.EventLoopGroup;

import java.net.InetSocketAddress;

/**
 * Test support: our KCP server (frp's server settings) on 127.0.0.1 answering every session with
 * an {@link EchoHandler}, reached directly or, when {@code loss} is above 0, through a
 * {@link LossyRelay} that drops that share of the packets each way. {@link #close()} closes the
 * relay, then the server.
 */
final class LossyEchoServer implements AutoCloseable {
    private static final InetSocketAddress ANY = new InetSocketAddress("127.0.0.1", 0);

    final EchoHandler echo = new EchoHandler();
    final KcpServer server;
    /** The lossy path, or null when {@code loss} is 0. */
    final LossyRelay relay;

    LossyEchoServer(EventLoopGroup group, double loss, long seed) throws Exception {
        server = KcpServer.bind(group, ANY, KcpConfig.frpServer(), echo).sync().getNow();
        try {
            relay = loss > 0 ? new LossyRelay(server.localAddress(), loss, seed) : null;
        } catch (Exception e) {
            server.close().sync();
            throw e;
        }
    }

    /** Where a client dials: the relay, or the server itself. */
    InetSocketAddress address() {
        return relay != null ? relay.address() : server.localAddress();
    }

    @Override
    public void close() throws InterruptedException {
        if (relay != null) {
            relay.close();
        }
        server.close().sync();
    }
}
