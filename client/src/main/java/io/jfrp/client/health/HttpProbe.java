package io.jfrp.client.health;

import io.jfrp.config.model.proxy.HealthCheck;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * frp's http health check: {@code GET http://localIP:localPort<path>} with the configured headers (a
 * {@code Host} entry sets the request's host), passing on any 2xx status; the connection is closed
 * once the status line is read. Bounded by the timeout from the connect to the status.
 *
 * @param socketChannel the socket type of the loops
 * @param host          localIP
 * @param port          localPort
 * @param path          healthCheck.path ({@code /} is prepended when missing, as frp does)
 * @param headers       healthCheck.httpHeaders
 * @param timeout       healthCheck.timeoutSeconds
 */
public record HttpProbe(Class<? extends SocketChannel> socketChannel, String host, int port, String path,
                        List<HealthCheck.Header> headers, Duration timeout) implements HealthProbe {
    @Override
    public Future<Void> check(EventLoop loop) {
        Promise<Void> result = loop.newPromise();
        ChannelFuture connect = new Bootstrap().group(loop).channel(socketChannel)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new StatusReader(result));
                    }
                })
                .connect(host, port);
        ScheduledFuture<?> deadline = loop.schedule(() -> {
            if (result.tryFailure(new IOException("no answer within " + timeout.toSeconds() + " s"))) {
                connect.channel().close();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        result.addListener(f -> deadline.cancel(false));
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.tryFailure(f.cause());
            } else {
                f.channel().writeAndFlush(request());
            }
        });
        return result;
    }

    FullHttpRequest request() {
        String uri = path.startsWith("/") ? path : "/" + path;
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        r.headers().set(HttpHeaderNames.HOST, host + ":" + port);
        r.headers().set(HttpHeaderNames.USER_AGENT, "jfrpc health check");
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        for (HealthCheck.Header h : headers) {
            r.headers().set(h.name(), h.value());
        }
        return r;
    }

    /** Reads the status line, settles the check, closes. */
    private static final class StatusReader extends SimpleChannelInboundHandler<HttpObject> {
        private final Promise<Void> result;

        StatusReader(Promise<Void> result) {
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpResponse response) {
                int code = response.status().code();
                if (code / 100 == 2) {
                    result.trySuccess(null);
                } else {
                    result.tryFailure(new IOException("status " + code + ", not 2xx"));
                }
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.tryFailure(new IOException("closed before a response"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.tryFailure(cause);
            ctx.close();
        }
    }
}
