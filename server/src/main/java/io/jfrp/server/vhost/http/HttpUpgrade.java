package io.jfrp.server.vhost.http;

import io.jfrp.protocol.relay.Relay;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;

/**
 * The switch of a public connection out of HTTP after the service answered 101 (WebSocket...) or 2xx
 * to a CONNECT: reading held, the HTTP handlers and codecs taken out of its pipeline (nearest the
 * network last, so what they buffered flows on into the hold), and a {@link Relay} joining it to the
 * work connection, which {@link BackendForwarder} took out of HTTP the same way on its side.
 */
final class HttpUpgrade {
    private HttpUpgrade() {
    }

    /** Called on the public connection's loop from {@code exchange}, the HTTP handler being removed. */
    static void switchToRelay(ChannelHandlerContext exchange, Channel backend) {
        Channel pub = exchange.channel();
        exchange.flush();
        Relay.holdUntilJoined(pub);
        exchange.pipeline().remove(exchange.handler());
        if (pub.pipeline().get(PublicHttpCodec.class) != null) {
            pub.pipeline().remove(PublicHttpCodec.class);
        }
        Relay.join((DuplexChannel) pub, (DuplexChannel) backend);
    }
}
