package io.jfrp.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;

import java.security.SecureRandom;

/**
 * Client side of the v2 hellos on the control stream, between the v2 frame codec and the client's
 * control handler; installed by {@link WirePipelines#addClientControlCodec} and gone once the
 * ServerHello is accepted.
 *
 * <h3>What it does</h3>
 * As soon as the channel is active it writes the magic and the ClientHello, without waiting for
 * anything, so that the control handler's Login follows them at once (stock frpc writes all three
 * before reading). The first frame read must be the ServerHello (the frame decoder enforces it):
 * it is {@link HelloNegotiation#accept checked} against the ClientHello sent, and the
 * {@link ControlKeys} derived from the two exact payloads are left on the channel for
 * {@link WirePipelines#encryptControlStream}, to be taken after LoginResp.
 *
 * <h3>Errors</h3>
 * A refusal or an unacceptable ServerHello throws a {@link WireHandshakeException} (a malformed
 * one a {@link WireFrameException}) down the pipeline, whose owner closes the channel; every later
 * inbound message (the LoginResp, say) is dropped and released.
 *
 * <p>Not sharable. Event loop only.
 */
final class ClientHandshakeHandler extends WhenActive {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret;
    private final ClientHello hello;
    private final byte[] helloPayload;
    private boolean failed;

    ClientHandshakeHandler(ClientWireSettings settings) {
        this.secret = settings.secret();
        this.hello = HelloNegotiation.clientHello(settings.bootstrap(), settings.algorithms(), RANDOM);
        this.helloPayload = HelloJson.write(hello);
    }

    /** Magic and ClientHello, before the Login that the control handler behind writes. */
    @Override
    protected void onActive(ChannelHandlerContext ctx) {
        ByteBuf magic = ctx.alloc().buffer(WireFrames.MAGIC_LENGTH);
        WireFrames.writeMagic(magic);
        ctx.write(magic).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        ctx.writeAndFlush(new HelloFrame(WireFrameType.CLIENT_HELLO, helloPayload))
                .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof HelloFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            ServerHello answer = HelloJson.readServerHello(frame.payload());
            AeadAlgorithm algorithm = HelloNegotiation.accept(hello, answer);
            ctx.channel().attr(ControlKeys.ATTRIBUTE).set(KeySchedule.controlKeys(secret, algorithm, helloPayload,
                    frame.payload()));
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
        ctx.pipeline().remove(this);
    }
}
