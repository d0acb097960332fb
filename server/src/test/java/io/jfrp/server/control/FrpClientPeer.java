package io.jfrp.server.control;

import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.Message;
import io.jfrp.testkit.EmbeddedWire;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted frp client on the other end of an {@link EmbeddedChannel} connection to the server's
 * handlers: it sends messages through real framing, switches to encryption after a successful
 * LoginResp as frpc does, and keeps what it receives.
 */
final class FrpClientPeer {
    final EmbeddedChannel channel = new EmbeddedChannel();
    private final EmbeddedChannel server;
    private final ArrayDeque<Message> received = new ArrayDeque<>();

    FrpClientPeer(EmbeddedChannel server, CryptoKey tokenKey) {
        this.server = server;
        FrpPipelines.addMessageCodec(channel.pipeline());
        channel.pipeline().addLast(new SimpleChannelInboundHandler<Message>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
                received.add(msg);
                if (msg instanceof LoginResp resp && resp.error().isEmpty()) {
                    FrpPipelines.encryptControlStream(ctx.pipeline(), tokenKey);
                }
            }
        });
    }

    /** Sends {@code msg} and lets both ends run until they are quiet. */
    FrpClientPeer send(Message msg) {
        channel.writeAndFlush(msg);
        pump();
        return this;
    }

    void pump() {
        EmbeddedWire.pump(channel, server);
    }

    /** The next message received, or null. */
    Message next() {
        return received.poll();
    }

    /** Everything received and not read yet. */
    List<Message> drain() {
        List<Message> out = new ArrayList<>(received);
        received.clear();
        return out;
    }

    void close() {
        channel.finishAndReleaseAll();
    }
}
