package io.jfrp.client.plugin.socks5;

import io.jfrp.client.plugin.BasicAuth;
import io.jfrp.client.proxy.LocalDialer;
import io.jfrp.protocol.relay.ReadGate;
import io.jfrp.protocol.relay.Relay;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.socksx.v5.DefaultSocks5CommandResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5InitialResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5PasswordAuthResponse;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequest;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.handler.codec.socksx.v5.Socks5CommandType;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequest;
import io.netty.handler.codec.socksx.v5.Socks5Message;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthRequest;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthStatus;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.util.concurrent.TimeUnit;

/**
 * One SOCKS5 conversation on a work connection: method selection, the optional password, then the
 * CONNECT, after which the codec leaves and the work connection is relayed to the target.
 *
 * <h3>Limits</h3>
 * The conversation must be over within {@link #HANDSHAKE_TIMEOUT_SECONDS} (an unauthenticated peer
 * cannot hold the connection open by saying nothing); codec-socks bounds every message. A wrong
 * password is refused after {@link BasicAuth#FAILURE_DELAY_MILLIS}, and the connection closed.
 *
 * <h3>Threading</h3>
 * The work connection's event loop; the target is dialed on it too.
 */
final class Socks5Handshake extends SimpleChannelInboundHandler<Socks5Message> {
    static final String DECODER = "socks5-decoder";
    static final int HANDSHAKE_TIMEOUT_SECONDS = 30;
    private static final Logger log = LoggerFactory.getLogger(Socks5Handshake.class);

    private final String proxyName;
    /** The configured username and password; asked for only when one is set. */
    private final BasicAuth auth;
    private final LocalDialer dialer;
    private ScheduledFuture<?> deadline;

    Socks5Handshake(String proxyName, BasicAuth auth, LocalDialer dialer) {
        this.proxyName = proxyName;
        this.auth = auth;
        this.dialer = dialer;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            log.debug("[{}] socks5: no CONNECT within {} s, closing", proxyName, HANDSHAKE_TIMEOUT_SECONDS);
            ctx.close();
        }, HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        deadline.cancel(false);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Socks5Message msg) {
        if (msg.decoderResult().isFailure()) {
            log.debug("[{}] socks5: bad request: {}", proxyName, msg.decoderResult().cause().getMessage());
            ctx.close();
        } else if (msg instanceof Socks5InitialRequest initial) {
            selectMethod(ctx, initial);
        } else if (msg instanceof Socks5PasswordAuthRequest request) {
            authenticate(ctx, request);
        } else if (msg instanceof Socks5CommandRequest command) {
            command(ctx, command);
        } else {
            ctx.close();
        }
    }

    private void selectMethod(ChannelHandlerContext ctx, Socks5InitialRequest initial) {
        Socks5AuthMethod wanted = auth.required() ? Socks5AuthMethod.PASSWORD : Socks5AuthMethod.NO_AUTH;
        if (!initial.authMethods().contains(wanted)) {
            ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.UNACCEPTED))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.pipeline().replace(DECODER, DECODER, wanted == Socks5AuthMethod.PASSWORD
                ? new Socks5PasswordAuthRequestDecoder() : new Socks5CommandRequestDecoder());
        ctx.writeAndFlush(new DefaultSocks5InitialResponse(wanted));
    }

    private void authenticate(ChannelHandlerContext ctx, Socks5PasswordAuthRequest request) {
        if (auth.matches(request.username(), request.password())) {
            ctx.pipeline().replace(DECODER, DECODER, new Socks5CommandRequestDecoder());
            ctx.writeAndFlush(new DefaultSocks5PasswordAuthResponse(Socks5PasswordAuthStatus.SUCCESS));
            return;
        }
        log.info("[{}] socks5: wrong username or password from {}", proxyName, ctx.channel().remoteAddress());
        ReadGate.pause(ctx.channel(), ReadGate.Reason.HANDLER);
        ctx.executor().schedule(() -> ctx.writeAndFlush(
                        new DefaultSocks5PasswordAuthResponse(Socks5PasswordAuthStatus.FAILURE))
                .addListener(ChannelFutureListener.CLOSE), BasicAuth.FAILURE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void command(ChannelHandlerContext ctx, Socks5CommandRequest command) {
        if (command.type() != Socks5CommandType.CONNECT) {
            reply(ctx, Socks5CommandStatus.COMMAND_UNSUPPORTED, command.dstAddrType())
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        DuplexChannel work = (DuplexChannel) ctx.channel();
        // Whatever the client sends behind the CONNECT belongs to the target: hold it.
        Relay.holdUntilJoined(work);
        deadline.cancel(false);
        dialer.dial(work.eventLoop(), command.dstAddr(), command.dstPort()).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                log.info("[{}] socks5: connect to {}:{} failed: {}", proxyName, command.dstAddr(), command.dstPort(),
                        f.cause().getMessage());
                reply(ctx, failure(f.cause()), command.dstAddrType()).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            DuplexChannel target = (DuplexChannel) f.channel();
            if (!work.isActive()) {
                target.close();
                return;
            }
            InetSocketAddress bound = (InetSocketAddress) target.localAddress();
            boolean v6 = bound.getAddress() instanceof Inet6Address;
            ctx.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.SUCCESS,
                    v6 ? Socks5AddressType.IPv6 : Socks5AddressType.IPv4,
                    NetUtil.toAddressString(bound.getAddress()), bound.getPort()));
            ctx.pipeline().remove("socks5-encoder");
            ctx.pipeline().remove(DECODER);
            ctx.pipeline().remove(this);
            Relay.join(target, work);
        });
    }

    private static ChannelFuture reply(ChannelHandlerContext ctx, Socks5CommandStatus status, Socks5AddressType type) {
        return ctx.writeAndFlush(new DefaultSocks5CommandResponse(status,
                type == Socks5AddressType.IPv6 ? Socks5AddressType.IPv6 : Socks5AddressType.IPv4));
    }

    /** The reply for a failed dial, as go-socks5 maps its errors. */
    private static Socks5CommandStatus failure(Throwable cause) {
        String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (cause instanceof ConnectException && message.contains("refused")) {
            return Socks5CommandStatus.CONNECTION_REFUSED;
        }
        if (cause instanceof NoRouteToHostException || message.contains("network is unreachable")) {
            return Socks5CommandStatus.NETWORK_UNREACHABLE;
        }
        return Socks5CommandStatus.HOST_UNREACHABLE;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[{}] socks5: {}", proxyName, cause.toString());
        ctx.close();
    }
}
