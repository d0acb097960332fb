package io.jfrp.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;

/**
 * A message frame decoder that {@link io.jfrp.protocol.FrpPipelines} can switch layers under: v1's
 * {@link MessageFrameDecoder} or wire protocol v2's {@code WireFrameDecoder}. Both decode exactly one
 * frame per step, so that the bytes behind the message that triggers a switch are still buffered
 * here and can be routed through the new layer first.
 */
public interface FramingDecoder extends ChannelHandler {
    /**
     * Removes and returns the bytes received but not yet decoded. The caller owns the returned
     * buffer. Event loop only.
     */
    ByteBuf takeBuffered();

    /**
     * A fresh decoder of the same protocol that accepts any message (no hello, no expected first
     * message), to replace this one when a switch keeps the framing.
     */
    FramingDecoder successor();
}
