package io.jfrp.client.health;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.time.Duration;

/**
 * frp's tcp health check: the local service passes when a TCP connection to localIP:localPort is
 * accepted within the timeout; the connection is closed at once.
 *
 * @param socketChannel the socket type of the loops
 * @param host          localIP
 * @param port          localPort
 * @param timeout       healthCheck.timeoutSeconds
 */
public record TcpProbe(Class<? extends SocketChannel> socketChannel, String host, int port, Duration timeout)
        implements HealthProbe {
    @Override
    public Future<Void> check(EventLoop loop) {
        Promise<Void> result = loop.newPromise();
        ChannelFuture connect = new Bootstrap().group(loop).channel(socketChannel)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
                .handler(new ChannelInboundHandlerAdapter())
                .connect(host, port);
        connect.addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                f.channel().close();
                result.trySuccess(null);
            } else {
                result.tryFailure(f.cause());
            }
        });
        return result;
    }
}
