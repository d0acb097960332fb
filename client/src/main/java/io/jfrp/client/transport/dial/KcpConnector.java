package io.jfrp.client.transport.dial;

import io.jfrp.client.transport.ServerAddresses;
import io.jfrp.kcp.KcpClient;
import io.jfrp.kcp.KcpConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.net.InetSocketAddress;
import java.security.SecureRandom;

/**
 * A KCP session to serverAddr:serverPort over a UDP socket of its own, with frpc's settings
 * ({@link KcpConfig#frpClient()}: FEC 10+3, stream mode, MTU 1350, windows 128/512), as frp's
 * {@code kcp} transport; TLS and yamux then run over it as over TCP. KCP has no handshake: the
 * connection is ready as soon as the socket is, and a server that does not answer shows as the TLS
 * handshake or the login timing out.
 *
 * @param host          serverAddr
 * @param port          serverPort (the server's kcpBindPort)
 * @param datagramChannel the UDP socket type of the loops
 */
record KcpConnector(String host, int port, Class<? extends DatagramChannel> datagramChannel) implements Connector {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Future<Channel> connect(EventLoop loop) {
        Promise<Channel> ready = loop.newPromise();
        // KCP sends every packet to this address: it must be resolved first.
        ServerAddresses.resolve(loop, host, port, ready, server -> connect(loop, server, ready));
        return ready;
    }

    private void connect(EventLoop loop, InetSocketAddress server, Promise<Channel> ready) {
        KcpClient.connect(loop, datagramChannel, server, RANDOM.nextInt(),
                KcpConfig.frpClient(), new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // the layers come once the session is there
                    }
                }).addListener(f -> {
                    if (f.isSuccess()) {
                        ready.trySuccess((Channel) f.getNow());
                    } else {
                        ready.tryFailure(f.cause());
                    }
                });
    }
}
