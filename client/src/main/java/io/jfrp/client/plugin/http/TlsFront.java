package io.jfrp.client.plugin.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;

import java.util.function.Function;

/**
 * TLS ended by an https bridge, then HTTP/1.1 or HTTP/2 as ALPN decides: the client's TLS server name
 * is kept for the misdirected-request check; with HTTP/2 each stream becomes HTTP/1.1 objects for an
 * {@link HttpForwarder} of its own.
 *
 * <h3>Limits</h3>
 * The ClientHello must come within {@link #HANDSHAKE_TIMEOUT_MILLIS} and the handshake end within
 * SslHandler's deadline; HTTP/2 allows {@link #MAX_CONCURRENT_STREAMS} streams at once and header
 * lists up to 64 KiB. An HTTP/2 connection has no idle deadline (as Go's server without IdleTimeout)
 * and ends at the client's FIN; HTTP/1.1 keeps {@link HttpForwarder}'s rules.
 */
final class TlsFront {
    static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    static final int MAX_CONCURRENT_STREAMS = 100;

    private TlsFront() {
    }

    /**
     * The server side of HTTP/2 with a child channel per stream. Netty's newer
     * {@code Http2MultiplexHandler} cannot be used here: it tells server from client by the parent
     * of the channel it is on being a {@code ServerChannel}, and a work connection is a yamux stream,
     * whose parent is the client's connection to jfrps, so it would take stream 1 for an h2c
     * upgrade and refuse it. {@code Http2MultiplexCodec} asks the HTTP/2 connection instead.
     */
    @SuppressWarnings("deprecation")
    private static io.netty.handler.codec.http2.Http2MultiplexCodec multiplexCodec(HttpForwarder.Settings settings,
                                                                                 Route.ClientSide client) {
        return io.netty.handler.codec.http2.Http2MultiplexCodecBuilder.forServer(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("h2-to-http", new Http2StreamFrameToHttpObjectCodec(true));
                        ch.pipeline().addLast("forwarder", HttpForwarder.http2Stream(settings, client));
                    }
                })
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        .maxHeaderListSize(HttpForwarder.MAX_HEADER_SIZE))
                .build();
    }

    /**
     * Puts TLS at the end of {@code channel}'s pipeline, followed by the protocol ALPN picks and its
     * forwarding (an HTTP/1.1 connection's, or one forwarder per HTTP/2 stream).
     *
     * @param client the downstream connection, given the TLS server name
     */
    static void install(Channel channel, SslContext tls, HttpForwarder.Settings settings,
                        Function<String, Route.ClientSide> client) {
        channel.pipeline().addLast("tls", new SniHandler(name -> tls, 0, HANDSHAKE_TIMEOUT_MILLIS));
        channel.pipeline().addLast("alpn", new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
            private String sni = "";

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
                if (evt instanceof SniCompletionEvent done && done.isSuccess() && done.hostname() != null) {
                    sni = done.hostname();
                }
                super.userEventTriggered(ctx, evt);
            }

            @Override
            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                Route.ClientSide side = client.apply(sni);
                if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                    ctx.pipeline().addLast("h2", multiplexCodec(settings, side));
                    ctx.pipeline().addLast("h2-fin", Http2ClientFin.INSTANCE);
                } else {
                    HttpForwarder.install(ctx.pipeline(), settings, side);
                }
            }
        });
    }

    /**
     * Closes an HTTP/2 connection at the client's FIN (a work connection allows half closure, and the
     * codec ignores the end of input, so the connection would stay for good): a GOAWAY, then the
     * close, streams in flight included, as Go's HTTP/2 server ends the connection and cancels its
     * streams at the EOF.
     */
    @ChannelHandler.Sharable
    private static final class Http2ClientFin extends ChannelInboundHandlerAdapter {
        static final Http2ClientFin INSTANCE = new Http2ClientFin();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                ctx.channel().close();
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}
