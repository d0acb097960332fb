package io.jfrp.client.transport;

import io.jfrp.certs.TlsClientContext;
import io.jfrp.config.model.ClientConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * frp's {@code tcp} transport: a TCP connection to serverAddr:serverPort (dialServerTimeout), with TLS
 * when transport.tls.enable is set, preceded by frp's 0x17 byte when disableCustomTLSFirstByte is
 * false ({@link TlsFirstByte}), for older frps.
 *
 * @param config the client's configuration (serverAddr, serverPort, dialServerTimeout, TLS settings)
 * @param loops  where connections are made
 * @param tls    the TLS context, or null when transport.tls.enable is false
 */
public record TcpServerTransport(ClientConfig config, ClientEventLoops loops, TlsClientContext tls)
        implements ServerTransport {

    @Override
    public Future<Channel> connect(ChannelHandler handler) {
        // The connection is registered on this loop and the future completes there, so whoever listens
        // to it may change the pipeline at once (handlers added run handlerAdded before it returns).
        EventLoop loop = loops.group().next();
        Promise<Channel> ready = loop.newPromise();
        ChannelFuture dialed = new Bootstrap()
                .group(loop)
                .channel(loops.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.dialServerTimeout().toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            if (!config.tls().disableCustomTLSFirstByte()) {
                                ch.pipeline().addLast("tls-first-byte", TlsFirstByte.INSTANCE);
                            }
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), config.serverAddr(),
                                    config.serverPort()));
                        }
                        if (handler != null) {
                            ch.pipeline().addLast(handler);
                        }
                    }
                })
                .connect(config.serverAddr(), config.serverPort());
        dialed.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                ready.tryFailure(f.cause());
                return;
            }
            Channel ch = f.channel();
            SslHandler ssl = ch.pipeline().get(SslHandler.class);
            if (ssl == null) {
                ready.trySuccess(ch);
                return;
            }
            ssl.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    ready.trySuccess(ch);
                } else {
                    ready.tryFailure(h.cause());
                    ch.close();
                }
            });
        });
        return ready;
    }
}
