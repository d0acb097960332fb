package io.jfrp.server.vhost.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The pipeline of a public connection to vhostHTTPPort: HTTP/1.1, or HTTP/2 cleartext when the
 * client starts with the HTTP/2 preface (prior knowledge, e.g. {@code curl --http2-prior-knowledge}).
 *
 * <p>{@link PriorKnowledgeDetector} looks at the first bytes. HTTP/1.1 goes
 * through {@link PublicHttpCodec} to one {@link HttpExchangeHandler} for the connection. HTTP/2 goes
 * through {@link Http2MultiplexHandler}: every stream is a child channel with
 * {@link Http2StreamFrameToHttpObjectCodec} turning its frames into the same HTTP/1.1 objects, and an
 * {@link HttpExchangeHandler} of its own; toward the client's service everything is HTTP/1.1, as with
 * frp. h2c by {@code Upgrade: h2c} is not offered: such requests are served as HTTP/1.1, as frps
 * does, so an HTTP/1.1 pipeline has no upgrade handler (Upgrade requests, WebSocket's, pass on to the
 * service).
 */
final class HttpPublicInitializer {
    private static final Logger log = LoggerFactory.getLogger(HttpPublicInitializer.class);
    /** Request line and header limits (Netty's defaults are 4 KiB and 8 KiB; browsers send big cookies). */
    static final int MAX_INITIAL_LINE = 16 * 1024;
    static final int MAX_HEADER_SIZE = 64 * 1024;
    /**
     * Concurrent HTTP/2 streams per connection: each may hold a work connection, so a client gets
     * no more at once than a browser needs (Go's HTTP/2 server allows 250, nginx 128).
     */
    static final int MAX_STREAMS = 128;
    private static final String HTTP1_CODEC = "http1";

    private HttpPublicInitializer() {
    }

    /**
     * The end of an HTTP/2 connection's pipeline: the frame codec has already answered a protocol
     * error (GOAWAY, then close) and passes it on; it ends here, logged at debug, instead of reaching
     * the pipeline's tail, where Netty logs a warning with a stack trace for every malformed frame a
     * public client sends (found by HttpRequestHeadFuzzTest).
     */
    private static final class Http2ConnectionErrors extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("http vhost: HTTP/2 connection from {} failed: {}", ctx.channel().remoteAddress(),
                    cause.toString());
            ctx.close();
        }
    }

    static void init(Channel ch, HttpVhost vhost) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("h2c-detect", new PriorKnowledgeDetector(List.of(HTTP1_CODEC, HttpExchangeHandler.NAME),
                new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel c) {
                        c.pipeline().addLast("h2", Http2FrameCodecBuilder.forServer()
                                .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(MAX_STREAMS))
                                .build());
                        c.pipeline().addLast("h2-streams", new Http2MultiplexHandler(streamInitializer(vhost)));
                        c.pipeline().addLast("h2-errors", new Http2ConnectionErrors());
                    }
                }));
        p.addLast(HTTP1_CODEC, new PublicHttpCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE)
                .setMaxHeaderSize(MAX_HEADER_SIZE), vhost.limits().httpMaxHeaders()));
        p.addLast(HttpExchangeHandler.NAME, new HttpExchangeHandler(vhost, false));
    }

    /** An HTTP/2 stream's pipeline: its frames as HTTP/1.1 objects, and an exchange of its own. */
    private static ChannelInitializer<Http2StreamChannel> streamInitializer(HttpVhost vhost) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast("h2-to-http1", new Http2StreamFrameToHttpObjectCodec(true));
                stream.pipeline().addLast(HttpExchangeHandler.NAME, new HttpExchangeHandler(vhost, true));
            }
        };
    }
}
