package io.jfrp.protocol.wire;

import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.transport.LingeringClose;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * Server side of the v2 hellos, between the v2 frame codec and the server's first-message handler;
 * installed by {@link WireProtocolDetector} and gone after the first message.
 *
 * <h3>What it does</h3>
 * <ul>
 *   <li>A ClientHello (only possible as the first frame): parse it, {@link HelloNegotiation#answer
 *   answer} it, write the ServerHello, derive the {@link ControlKeys} from the two exact payloads and
 *   leave them on the channel for {@link WirePipelines#encryptControlStream}. A ClientHello the
 *   server cannot accept gets the error ServerHello, then the channel closes.</li>
 *   <li>A Login without a ClientHello before it gets {@code LoginResp{version, error}} ("missing v2
 *   crypto negotiation", or "register control error" without detailed errors), then the channel
 *   closes; the Login goes no further.</li>
 *   <li>Any other first message (NewWorkConn, NewVisitorConn, or a Login after a hello) passes on
 *   unchanged and this handler leaves the pipeline.</li>
 * </ul>
 * A malformed ClientHello is a {@link WireFrameException} ({@code MALFORMED_HELLO}) fired down
 * the pipeline, whose owner closes the channel (stock frps closes without an answer too).
 *
 * <h3>Limits</h3>
 * The ServerHello and the refusing LoginResp must be written within
 * {@link #WRITE_TIMEOUT_SECONDS} (stock frps's write deadline), or the channel is closed. After a
 * refusal every further inbound message is dropped and released.
 *
 * <p>Not sharable. Event loop only.
 */
final class ServerHandshakeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ServerHandshakeHandler.class);
    /** Stock frps's deadline for writing the ServerHello and a refusal. */
    static final int WRITE_TIMEOUT_SECONDS = 5;
    static final String MISSING_NEGOTIATION = "missing v2 crypto negotiation";
    static final String MISSING_NEGOTIATION_SUMMARY = "register control error";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerWireSettings settings;
    private boolean helloSeen;
    private boolean refused;

    ServerHandshakeHandler(ServerWireSettings settings) {
        this.settings = settings;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof HelloFrame hello) {
            onClientHello(ctx, hello);
        } else if (msg instanceof Login && !helloSeen) {
            refused = true;
            log.info("closing {}: v2 Login without ClientHello", ctx.channel().remoteAddress());
            String error = settings.detailedErrorsToClient() ? MISSING_NEGOTIATION : MISSING_NEGOTIATION_SUMMARY;
            closeAfter(ctx, ctx.writeAndFlush(LoginResp.failure(settings.version(), error)));
        } else {
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(msg);
        }
    }

    private void onClientHello(ChannelHandlerContext ctx, HelloFrame frame) {
        helloSeen = true;
        ClientHello hello;
        try {
            hello = HelloJson.readClientHello(frame.payload());
        } catch (WireFrameException e) {
            refused = true; // nothing decoded after it may reach the server
            throw e;
        }
        ServerHello answer = HelloNegotiation.answer(hello, settings.algorithms(), RANDOM);
        HelloFrame reply = new HelloFrame(WireFrameType.SERVER_HELLO, HelloJson.write(answer));
        if (!answer.error().isEmpty()) {
            refused = true;
            log.info("closing {}: ClientHello refused: {}", ctx.channel().remoteAddress(), answer.error());
            closeAfter(ctx, ctx.writeAndFlush(reply));
            return;
        }
        AeadAlgorithm algorithm = AeadAlgorithm.forWireNameOrNull(answer.selected().crypto().algorithm());
        ctx.channel().attr(ControlKeys.ATTRIBUTE).set(KeySchedule.controlKeys(settings.secret(), algorithm,
                frame.payload(), reply.payload()));
        ChannelFuture written = ctx.writeAndFlush(reply);
        closeUnlessWrittenInTime(ctx, written);
        written.addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    /**
     * Closes once {@code written} completes (a TCP connection after a linger that keeps the answer
     * from being lost to a reset, {@link LingeringClose}), and at the latest after the write deadline.
     */
    private static void closeAfter(ChannelHandlerContext ctx, ChannelFuture written) {
        closeUnlessWrittenInTime(ctx, written);
        written.addListener(f -> LingeringClose.close(ctx.channel()));
    }

    private static void closeUnlessWrittenInTime(ChannelHandlerContext ctx, ChannelFuture written) {
        if (written.isDone()) {
            return;
        }
        ScheduledFuture<?> deadline = ctx.executor().schedule(() -> {
            if (!written.isDone()) {
                log.info("closing {}: could not write the v2 handshake answer within {} s",
                        ctx.channel().remoteAddress(), WRITE_TIMEOUT_SECONDS);
                ctx.close();
            }
        }, WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        written.addListener(f -> deadline.cancel(false));
    }
}
