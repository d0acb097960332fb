package io.jfrp.server.plugin;

import io.jfrp.config.model.HttpPluginConfig;
import io.jfrp.server.transport.SocketChannels;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts requests to one server plugin as frps does: {@code POST <addr><path>?version=0.1.0&op=<Op>}
 * with {@code Content-Type: application/json} and {@code X-Frp-Reqid}, over HTTP or HTTPS (the
 * certificate checked only with tlsVerify, as frp). Each call has its own connection on the server's
 * loops and must be answered within the timeout, connecting included; the answer is read up to
 * {@link #MAX_ANSWER_BYTES}. A status other than 200 is an error, as frp's.
 *
 * <p>Thread-safe; each call completes on its connection's loop.
 */
final class HttpPluginClient {
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private final HttpPluginConfig config;
    private final EventLoopGroup group;
    private final Duration timeout;
    private final String host;
    private final int port;
    private final String target;
    private final String hostHeader;
    private final SslContext tls;

    /**
     * @throws IllegalArgumentException when addr and path do not make a URL
     * @throws SSLException when the TLS context cannot be made
     */
    HttpPluginClient(HttpPluginConfig config, EventLoopGroup group, Duration timeout) throws SSLException {
        this.config = config;
        this.group = group;
        this.timeout = timeout;
        String url = config.addr() + config.path();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            url = "http://" + url;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("httpPlugins '" + config.name() + "': '" + url + "' is not a URL", e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("httpPlugins '" + config.name() + "': no host in '" + url + "'");
        }
        boolean https = "https".equals(uri.getScheme());
        this.host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        this.hostHeader = uri.getRawAuthority();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        this.target = uri.getRawQuery() == null ? path + "?" : path + "?" + uri.getRawQuery() + "&";
        this.tls = !https ? null : config.tlsVerify()
                ? SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build()
                : SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)
                        .endpointIdentificationAlgorithm(null).build();
    }

    String name() {
        return config.name();
    }

    HttpPluginConfig config() {
        return config;
    }

    /** Posts {@code body} for {@code op}; completes with the answer's body, or fails saying why. */
    CompletableFuture<byte[]> post(String op, String requestId, byte[] body) {
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(SocketChannels.forGroup(group))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), host, port));
                        }
                        ch.pipeline().addLast("http", new HttpClientCodec());
                        ch.pipeline().addLast("aggregate", new HttpObjectAggregator(MAX_ANSWER_BYTES));
                        ch.pipeline().addLast("answer", new AnswerHandler(answer));
                    }
                });
        ChannelFuture connect = bootstrap.connect(host, port);
        Channel ch = connect.channel();
        var deadline = ch.eventLoop().schedule(() -> {
            if (answer.completeExceptionally(new TimeoutException("no answer within " + timeout.toMillis() + " ms"))) {
                ch.close();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((v, e) -> deadline.cancel(false));
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                answer.completeExceptionally(f.cause());
                return;
            }
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                    target + "version=" + ServerPlugins.API_VERSION + "&op=" + op, Unpooled.wrappedBuffer(body));
            request.headers().set(HttpHeaderNames.HOST, hostHeader)
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .set("X-Frp-Reqid", requestId)
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            f.channel().writeAndFlush(request).addListener(w -> {
                if (!w.isSuccess()) {
                    answer.completeExceptionally(w.cause());
                    f.channel().close();
                }
            });
        });
        return answer;
    }

    /** Completes the call with the first response and closes the connection. */
    private static final class AnswerHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final CompletableFuture<byte[]> answer;

        AnswerHandler(CompletableFuture<byte[]> answer) {
            this.answer = answer;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            if (response.decoderResult().isFailure()) {
                answer.completeExceptionally(new IOException("unreadable answer: " + response.decoderResult().cause()));
            } else if (response.status().code() != 200) {
                answer.completeExceptionally(new IOException("do http request error code: " + response.status().code()));
            } else {
                answer.complete(ByteBufUtil.getBytes(response.content()));
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            answer.completeExceptionally(new ClosedChannelException());
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            answer.completeExceptionally(cause);
            ctx.close();
        }
    }
}
