package io.jfrp.server.security;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The first handler of every connection a client makes to bindPort (and of any other listener clients
 * log in through): when the connection becomes active it is admitted or refused
 * ({@link ServerSecurity#admit}: an address refused after failed logins, one at its limit of
 * unauthenticated connections), its login deadline starts, and so does the deadline for its first
 * byte. The first byte cancels that deadline and the guard leaves the pipeline; the connection's
 * {@link PendingConnection} keeps the login deadline until the client authenticates. A QUIC
 * connection has no first-byte deadline ({@link #withoutFirstByteDeadline}): its bytes come on its
 * streams, and its handshake is bounded by QUIC's idle timeout.
 *
 * <p>One instance per connection; confined to its event loop.
 */
public final class PreAuthGuard extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(PreAuthGuard.class);
    public static final String NAME = "pre-auth";

    private final ServerSecurity security;
    private final boolean firstByte;
    private ScheduledFuture<?> firstByteDeadline;
    private boolean admitted;

    public PreAuthGuard(ServerSecurity security) {
        this(security, true);
    }

    private PreAuthGuard(ServerSecurity security, boolean firstByte) {
        this.security = security;
        this.firstByte = firstByte;
    }

    /** Admission and the login deadline, without the first byte's (a QUIC connection). */
    public static PreAuthGuard withoutFirstByteDeadline(ServerSecurity security) {
        return new PreAuthGuard(security, false);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        PendingConnection pending = security.admit(ctx.channel());
        if (pending == null) {
            return; // refused and closed; nothing downstream learns of it
        }
        admitted = true;
        if (!firstByte) {
            ctx.fireChannelActive();
            ctx.pipeline().remove(this);
            return;
        }
        long millis = security.settings().preAuth().firstByteTimeout().toMillis();
        firstByteDeadline = ctx.executor().schedule(() -> {
            log.debug("closing {}: no byte within {} ms (jfrp.security.firstByteTimeout)", ctx.channel().remoteAddress(),
                    millis);
            pending.close(CloseReason.FIRST_BYTE_TIMEOUT);
        }, millis, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!admitted) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        firstByteDeadline.cancel(false);
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (firstByteDeadline != null) {
            firstByteDeadline.cancel(false);
        }
        if (admitted) {
            ctx.fireChannelInactive();
        }
    }
}
