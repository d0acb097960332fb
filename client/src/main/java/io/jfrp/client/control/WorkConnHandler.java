package io.jfrp.client.control;

import io.jfrp.client.proxy.ClientProxy;
import io.jfrp.config.model.proxy.ProxyTransport;
import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.StartWorkConn;
import io.jfrp.protocol.relay.Relay;
import io.jfrp.protocol.wire.WireProtocol;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One work connection on the client: announces itself with NewWorkConn, waits for the server's
 * StartWorkConn, switches to the proxy's wrapping (encryption, compression) and hands the connection
 * to the proxy's client side ({@link ClientProxy#serve}), which reaches the local service. Until the
 * relay is joined, reading is off and anything already received is held ({@link Relay#holdUntilJoined}).
 * A TCP work connection (tcpMux off) first moves onto the loop with the fewest of the client's
 * relays ({@link RelayLoops}), where the service is then dialled.
 */
final class WorkConnHandler extends SimpleChannelInboundHandler<Message> {
    private static final Logger log = LoggerFactory.getLogger(WorkConnHandler.class);

    private final ClientContext context;
    private final String runId;

    /** @param runId the run id of the control this work connection belongs to */
    WorkConnHandler(ClientContext context, String runId) {
        this.context = context;
        this.runId = runId;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Signing.send(ctx.channel(), context.authenticator(), () -> context.authenticator().sign(NewWorkConn.of(runId)),
                e -> {
                    log.warn("work connection: {}", e.getMessage());
                    ctx.close();
                });
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
        ClientProxy proxy = context.proxy(start.proxyName());
        if (proxy == null) {
            log.warn("work connection for unknown proxy [{}], closing", start.proxyName());
            ctx.close();
            return;
        }
        Channel work = ctx.channel();
        ProxyTransport transport = proxy.config().base().transport();
        StreamWrapping wrapping = proxy.wrapsWorkConn()
                ? new StreamWrapping(transport.useEncryption(), transport.useCompression()) : StreamWrapping.NONE;
        // Counted on its relay's loop before the in-use group hears of it, so that a relay gone from
        // the group is gone from the count too.
        EventLoop relayLoop = proxy.carriesMessages() ? null : context.relayLoops().claim(work);
        context.workConnectionsInUse().add(work);
        if (proxy.carriesMessages()) {
            // udp/sudp: the proxy's handler goes in first, so that messages the wrapping hands over
            // at once (sent right behind StartWorkConn) reach it.
            ctx.pipeline().remove(this);
            proxy.serve(work);
            FrpPipelines.wrapBelowFraming(work.pipeline(), wrapping, context.tokenKey());
            return;
        }
        Relay.holdUntilJoined(work);
        ctx.pipeline().remove(this);
        FrpPipelines.startRelay(work.pipeline(), wrapping, context.tokenKey());
        WireProtocol.forget(work); // messages have ended on it
        RelayLoops.onto(work, relayLoop, () -> proxy.serve(work, start));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("work connection failed: {}", cause.toString());
        ctx.close();
    }
}
