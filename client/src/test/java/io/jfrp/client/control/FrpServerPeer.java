package io.jfrp.client.control;

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
 * A scripted frp server on the other end of a client connection: real framing, encryption switched
 * on after it sends a successful LoginResp as frps does, and what it receives kept.
 */
final class FrpServerPeer {
    final EmbeddedChannel channel = new EmbeddedChannel();
    private final EmbeddedChannel client;
    private final CryptoKey tokenKey;
    private final ArrayDeque<Message> received = new ArrayDeque<>();

    FrpServerPeer(EmbeddedChannel client, CryptoKey tokenKey) {
        this.client = client;
        this.tokenKey = tokenKey;
        FrpPipelines.addMessageCodec(channel.pipeline());
        channel.pipeline().addLast(new SimpleChannelInboundHandler<Message>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
                received.add(msg);
            }
        });
    }

    /** Sends {@code msg} and lets both ends run until they are quiet. */
    FrpServerPeer send(Message msg) {
        channel.writeAndFlush(msg);
        if (msg instanceof LoginResp resp && resp.error().isEmpty()) {
            FrpPipelines.encryptControlStream(channel.pipeline(), tokenKey);
        }
        pump();
        return this;
    }

    void pump() {
        EmbeddedWire.pump(client, channel);
    }

    Message next() {
        pump();
        return received.poll();
    }

    List<Message> drain() {
        pump();
        List<Message> out = new ArrayList<>(received);
        received.clear();
        return out;
    }

    void close() {
        channel.finishAndReleaseAll();
    }
}
