package io.jfrp.client.transport.dial;

import io.jfrp.protocol.websocket.WebSocketByteStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * frp's WebSocket upgrade, as stock frpc sends it (golang.org/x/net/websocket): {@code GET /~!frp
 * HTTP/1.1} with {@code Host} and {@code Origin: http://<host>}, where host is serverAddr:serverPort
 * for {@code websocket} and the TLS server name for {@code wss}. Once the server answers 101 the
 * connection carries binary frames ({@link WebSocketByteStream}); Netty's WebSocket client handshaker
 * and frame codec do the work.
 *
 * @param host    what {@code Host} and {@code Origin} name
 * @param timeout how long the server may take to answer the upgrade
 */
record WebSocketLayer(String host, Duration timeout) implements TransportLayer {
    /** The upgrade's status line and headers are small; a larger answer is not frps'. */
    private static final int MAX_RESPONSE = 8192;

    @Override
    public Future<?> install(Channel channel) {
        Promise<Void> upgraded = channel.eventLoop().newPromise();
        HttpHeaders headers = new DefaultHttpHeaders().set(HttpHeaderNames.ORIGIN, "http://" + host);
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                URI.create("ws://" + host + WebSocketByteStream.PATH), WebSocketVersion.V13, null, false, headers,
                WebSocketByteStream.MAX_READ_FRAME, true, false, -1, false, false);
        channel.pipeline().addLast("ws-http", new HttpClientCodec());
        channel.pipeline().addLast("ws-aggregator", new HttpObjectAggregator(MAX_RESPONSE));
        channel.pipeline().addLast("ws-upgrade", new Upgrade(handshaker, upgraded));
        ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> upgraded.tryFailure(
                new WebSocketHandshakeException("no answer to the WebSocket upgrade within " + timeout.toMillis()
                        + " ms")), timeout.toMillis(), TimeUnit.MILLISECONDS);
        upgraded.addListener(f -> deadline.cancel(false));
        handshaker.handshake(channel).addListener(f -> {
            if (!f.isSuccess()) {
                upgraded.tryFailure(f.cause());
            }
        });
        return upgraded;
    }

    /** Reads the answer to the upgrade; then leaves a {@link WebSocketByteStream} in its place. */
    private static final class Upgrade extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final WebSocketClientHandshaker handshaker;
        private final Promise<Void> upgraded;

        Upgrade(WebSocketClientHandshaker handshaker, Promise<Void> upgraded) {
            this.handshaker = handshaker;
            this.upgraded = upgraded;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            try {
                handshaker.finishHandshake(ctx.channel(), response);
            } catch (WebSocketHandshakeException e) {
                upgraded.tryFailure(new WebSocketHandshakeException("the server refused the WebSocket upgrade to "
                        + WebSocketByteStream.PATH + ": " + response.status()));
                return;
            }
            ctx.pipeline().replace(this, "websocket", new WebSocketByteStream());
            upgraded.trySuccess(null);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            upgraded.tryFailure(new WebSocketHandshakeException("the server closed the connection before answering"
                    + " the WebSocket upgrade"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!upgraded.tryFailure(cause)) {
                ctx.fireExceptionCaught(cause);
            }
        }
    }
}
