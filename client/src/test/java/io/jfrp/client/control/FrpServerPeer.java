package io.jfrp.client.control;

import io.jfrp.protocol.FrpVersion;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.wire.ServerWireSettings;
import io.jfrp.protocol.wire.WirePipelines;
import io.jfrp.protocol.wire.WireProtocol;
import io.jfrp.protocol.wire.WireRole;
import io.jfrp.testkit.EmbeddedWire;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted frp server on the other end of a client connection: real framing of wire v1 or v2, told
 * apart as frps does (v2: the hellos answered), encryption switched on after it sends a successful
 * LoginResp as frps does, and what it receives kept.
 */
final class FrpServerPeer {
    final EmbeddedChannel channel = new EmbeddedChannel();
    private final EmbeddedChannel client;
    private final CryptoKey tokenKey;
    private final ArrayDeque<Message> received = new ArrayDeque<>();

    FrpServerPeer(EmbeddedChannel client, String token) {
        this.client = client;
        this.tokenKey = CryptoKey.fromSecret(token);
        WirePipelines.addServerDetection(channel.pipeline(), ServerWireSettings.forToken(token, FrpVersion.SPOKEN));
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
            WirePipelines.encryptControlStream(channel.pipeline(), WireRole.SERVER, tokenKey);
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

    /** The wire protocol the client turned out to speak (after its first bytes). */
    WireProtocol protocol() {
        pump();
        return WireProtocol.of(channel);
    }

    void close() {
        channel.finishAndReleaseAll();
    }
}
