package io.jfrp.e2e.vhost;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many concurrent HTTP/2 streams on one prior-knowledge connection, for different proxies: each
 * stream is routed by its own :authority and path and answered on its own. (curl 7.88 cannot reuse
 * a prior-knowledge connection for a second URL, so the client here is Netty's HTTP/2 client.)
 */
class HttpH2cStreamsTest extends HttpVhostCase {
    @Test
    void concurrentStreamsOnOneConnectionReachTheirOwnProxies() throws Exception {
        TwoSites sites = twoSites();
        HttpEchoBackend a = sites.a();
        HttpEchoBackend b = sites.b();

        EventLoopGroup group = eventLoopGroup();
        Channel conn = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                })
                .connect("127.0.0.1", f.httpPort).sync().channel();
        try {
            List<CompletableFuture<FullHttpResponse>> answers = new ArrayList<>();
            List<String> hosts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String host = i % 2 == 0 ? "a.test" : "b.test";
                hosts.add(host);
                CompletableFuture<FullHttpResponse> answer = new CompletableFuture<>();
                answers.add(answer);
                Http2StreamChannel stream = new Http2StreamChannelBootstrap(conn)
                        .handler(new ChannelInitializer<Http2StreamChannel>() {
                            @Override
                            protected void initChannel(Http2StreamChannel ch) {
                                ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false),
                                        new HttpObjectAggregator(1 << 20),
                                        new SimpleChannelInboundHandler<FullHttpResponse>() {
                                            @Override
                                            protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                                                answer.complete(r.retainedDuplicate());
                                            }
                                        });
                            }
                        }).open().sync().getNow();
                byte[] body = ("body-" + i).getBytes(StandardCharsets.UTF_8);
                FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                        i % 3 == 0 ? HttpMethod.POST : HttpMethod.GET, "/s" + i, Unpooled.wrappedBuffer(body));
                req.headers().set(HttpHeaderNames.HOST, host);
                if (req.method() == HttpMethod.GET) {
                    req.content().clear();
                }
                req.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, req.content().readableBytes());
                stream.writeAndFlush(req);
            }
            for (int i = 0; i < answers.size(); i++) {
                FullHttpResponse r = answers.get(i).get(15, TimeUnit.SECONDS);
                try {
                    assertThat(r.status().code()).isEqualTo(200);
                    Map<String, String> echo = HttpEchoBackend.parse(r.content().toString(StandardCharsets.UTF_8));
                    assertThat(echo).containsEntry("backend", hosts.get(i).substring(0, 1))
                            .containsEntry("uri", "/s" + i)
                            .containsEntry("body-bytes", i % 3 == 0 ? String.valueOf(("body-" + i).length()) : "0");
                } finally {
                    r.release();
                }
            }
        } finally {
            conn.close().sync();
        }
        assertThat(a.seen).hasSize(8);
        assertThat(b.seen).hasSize(8);
    }
}
