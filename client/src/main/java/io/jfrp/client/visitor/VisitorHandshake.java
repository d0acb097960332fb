package io.jfrp.client.visitor;

import io.jfrp.config.model.visitor.VisitorBase;
import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewVisitorConn;
import io.jfrp.protocol.msg.NewVisitorConnResp;
import io.jfrp.protocol.relay.Relay;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A visitor connection's opening, as frpc's {@code dialRawVisitorConn} does it: NewVisitorConn{run_id,
 * proxy_name, sign_key = hex(MD5(secretKey + timestamp)), timestamp, the visitor's own
 * use_encryption/use_compression}, then NewVisitorConnResp within {@value #RESPONSE_TIMEOUT_SECONDS}
 * s. A non-empty error (wrong secret, user not allowed, no such proxy), nothing in time or a closed
 * connection fails {@link #result()} with the reason and closes the connection.
 *
 * <p>On success the connection is wrapped with the visitor's flags, keyed by the secretKey, and
 * either handed over for a byte relay (stcp: reading held until joined, see {@link Relay}), or, with a
 * {@code messages} handler (sudp), keeps its framing for UDPPacket messages, that handler reading
 * them.
 *
 * <p>Runs on the connection's event loop.
 */
public final class VisitorHandshake extends SimpleChannelInboundHandler<Message> {
    static final int RESPONSE_TIMEOUT_SECONDS = 10;

    private final NewVisitorConn request;
    private final StreamWrapping wrapping;
    private final CryptoKey key;
    private final ChannelHandler messages;
    private final Promise<Channel> result;
    private ScheduledFuture<?> timeout;

    /**
     * @param request  NewVisitorConn, signed
     * @param visitor  the visitor (its flags and secret)
     * @param messages the handler of UDPPacket messages after the handshake (sudp); null for a relay
     * @param result   completed with the ready connection, or failed with the reason
     */
    VisitorHandshake(NewVisitorConn request, VisitorBase visitor, ChannelHandler messages, Promise<Channel> result) {
        this.request = request;
        this.wrapping = new StreamWrapping(visitor.transport().useEncryption(), visitor.transport().useCompression());
        this.key = wrapping.encryption() ? CryptoKey.fromSecret(visitor.secretKey()) : null;
        this.messages = messages;
        this.result = result;
    }

    /** The outcome. */
    Future<Channel> result() {
        return result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(request);
        timeout = ctx.executor().schedule(() -> fail(ctx, new IOException("no NewVisitorConnResp from the server within "
                + RESPONSE_TIMEOUT_SECONDS + " s")), RESPONSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
        if (!(msg instanceof NewVisitorConnResp resp)) {
            fail(ctx, new IOException("expected NewVisitorConnResp from the server, got " + msg.type()));
            return;
        }
        if (!resp.error().isEmpty()) {
            fail(ctx, new IOException("start new visitor connection error: " + resp.error()));
            return;
        }
        cancelTimeout();
        Channel channel = ctx.channel();
        if (messages == null) {
            Relay.holdUntilJoined(channel);
            ctx.pipeline().remove(this);
            FrpPipelines.startRelay(channel.pipeline(), wrapping, key);
        } else {
            ctx.pipeline().replace(this, "visitor-messages", messages);
            FrpPipelines.wrapBelowFraming(channel.pipeline(), wrapping, key);
        }
        if (!result.trySuccess(channel)) {
            channel.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new IOException("the server closed the visitor connection"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        cancelTimeout();
        result.tryFailure(cause);
        ctx.close();
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }
}
