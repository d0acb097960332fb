package io.jfrp.client.transport.dial;

import io.jfrp.config.model.ProxyUrl;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A TCP connection to serverAddr:serverPort (transport.dialServerTimeout), directly or through
 * transport.proxyURL ({@link ProxyTunnel}). Through a proxy, the server's name goes to the proxy
 * unresolved (CONNECT host:port, SOCKS5 domain name), as frp does, so jfrpc needs no DNS of its own
 * for it; only the proxy's own name is resolved here.
 *
 * @param host          serverAddr
 * @param port          serverPort
 * @param socketChannel the socket type of the loops
 * @param timeout       the connect timeout, also the proxy's handshake timeout
 * @param proxy         the proxy tunnel, or null for a direct connection
 */
record TcpConnector(String host, int port, Class<? extends SocketChannel> socketChannel, Duration timeout,
                    ProxyTunnel proxy) implements Connector {

    @Override
    public Future<Channel> connect(EventLoop loop) {
        Promise<Channel> ready = loop.newPromise();
        if (proxy == null) {
            bootstrap(loop, null).connect(InetSocketAddress.createUnresolved(host, port))
                    .addListener((ChannelFuture f) -> {
                        if (f.isSuccess()) {
                            ready.trySuccess(f.channel());
                        } else {
                            ready.tryFailure(f.cause());
                        }
                    });
            return ready;
        }
        ProxyUrl url = proxy.url();
        // The proxy's own address is resolved off the loop's resolver, never blocking it.
        DefaultAddressResolverGroup.INSTANCE.getResolver(loop)
                .resolve(InetSocketAddress.createUnresolved(url.host(), url.port()))
                .addListener(r -> {
                    if (!r.isSuccess()) {
                        ready.tryFailure(new java.io.IOException("cannot resolve the proxy " + url + ": "
                                + r.cause().getMessage(), r.cause()));
                        return;
                    }
                    viaProxy(loop, (InetSocketAddress) r.getNow(), ready);
                });
        return ready;
    }

    private void viaProxy(EventLoop loop, InetSocketAddress proxyAddress, Promise<Channel> ready) {
        ProxyHandler handler = proxy.newHandler(proxyAddress, timeout);
        ChannelFuture dialed = bootstrap(loop, handler)
                .resolver(NoopAddressResolverGroup.INSTANCE) // the server's name goes to the proxy as it is
                .connect(InetSocketAddress.createUnresolved(host, port));
        dialed.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                ready.tryFailure(new java.io.IOException("cannot reach the proxy " + proxy.url() + ": "
                        + f.cause().getMessage(), f.cause()));
                return;
            }
            handler.connectFuture().addListener(t -> {
                if (t.isSuccess()) {
                    ready.trySuccess(f.channel());
                } else {
                    f.channel().close();
                    ready.tryFailure(new java.io.IOException("the proxy " + proxy.url() + " did not open a tunnel to "
                            + host + ":" + port + ": " + t.cause().getMessage(), t.cause()));
                }
            });
        });
    }

    private Bootstrap bootstrap(EventLoop loop, ProxyHandler handler) {
        return new Bootstrap()
                .group(loop)
                .channel(socketChannel)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (handler != null) {
                            proxy.addTo(ch, handler);
                        }
                    }
                });
    }
}
