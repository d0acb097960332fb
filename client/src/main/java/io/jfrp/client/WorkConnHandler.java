package io.jfrp.client;

import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.StartWorkConn;
import io.jfrp.protocol.relay.Relay;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DuplexChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One work connection on the client: announces itself with NewWorkConn, waits for the server's
 * StartWorkConn, dials the proxy's local service and relays. Until the local service answers,
 * reading is off and anything already received is held ({@link Relay#holdUntilJoined}).
 */
final class WorkConnHandler extends SimpleChannelInboundHandler<Message> {
    private static final Logger log = LoggerFactory.getLogger(WorkConnHandler.class);

    private final ClientConnection connection;

    WorkConnHandler(ClientConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(connection.client().authenticator().sign(NewWorkConn.of(connection.runId())));
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
        if (!(msg instanceof StartWorkConn start)) {
            log.warn("work connection: unexpected {}, closing", msg.type());
            ctx.close();
            return;
        }
        if (!start.error().isEmpty()) {
            log.warn("work connection refused by the server: {}", start.error());
            ctx.close();
            return;
        }
        ProxyConfig proxy = connection.client().proxyByWireName(start.proxyName());
        if (proxy == null) {
            log.warn("work connection for unknown proxy [{}], closing", start.proxyName());
            ctx.close();
            return;
        }
        Channel work = ctx.channel();
        Relay.holdUntilJoined(work);
        ctx.pipeline().remove(this);
        FrpPipelines.startRelay(work.pipeline(), new StreamWrapping(proxy.base().transport().useEncryption(),
                proxy.base().transport().useCompression()),
                connection.client().tokenKey());
        ChannelFuture dial = new Bootstrap()
                .group(work.eventLoop())
                .channel(connection.client().transport().socketChannel)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) connection.client().options().dialServerTimeout().toMillis())
                .handler(new ChannelInboundHandlerAdapter())
                .connect(proxy.base().localIP(), proxy.base().localPort());
        dial.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                log.warn("[{}] connect to local service [{}:{}] error: {}", proxy.name(), proxy.base().localIP(),
                        proxy.base().localPort(), f.cause().getMessage());
                work.close();
                return;
            }
            if (!work.isActive()) {
                f.channel().close();
                return;
            }
            log.debug("[{}] join connections: {} <-> {}", proxy.name(), work, f.channel());
            Relay.join((DuplexChannel) f.channel(), (DuplexChannel) work);
            connection.client().workConnectionsInUse().add(work);
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("work connection failed: {}", cause.toString());
        ctx.close();
    }
}
