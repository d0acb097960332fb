package io.jfrp.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.compression.SnappyFrameEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnappyChunkLimiterTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new SnappyChunkLimiter());

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    @Test
    void passesAValidStreamUnchangedInAnyChunking() {
        EmbeddedChannel encoder = new EmbeddedChannel(new SnappyFrameEncoder());
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        try {
            encoder.writeOutbound(Unpooled.wrappedBuffer(FrpPipelinesTest.payload(200_000)));
            encoder.writeOutbound(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
            for (ByteBuf b; (b = encoder.readOutbound()) != null; ) {
                stream.writeBytes(ByteBufUtil.getBytes(b));
                b.release();
            }
        } finally {
            encoder.finishAndReleaseAll();
        }
        byte[] wire = stream.toByteArray();
        ByteArrayOutputStream passed = new ByteArrayOutputStream();
        for (int i = 0; i < wire.length; i += 3) {
            channel.writeInbound(Unpooled.copiedBuffer(wire, i, Math.min(3, wire.length - i)));
            for (ByteBuf b; (b = channel.readInbound()) != null; ) {
                passed.writeBytes(ByteBufUtil.getBytes(b));
                b.release();
            }
        }
        assertThat(passed.toByteArray()).isEqualTo(wire);
    }

    @Test
    void refusesAnOverlongChunkAtItsHeader() {
        byte[] start = {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'};
        channel.writeInbound(Unpooled.wrappedBuffer(start));
        ByteBuf passed = channel.readInbound();
        passed.release();
        // A compressed chunk declaring 76495 bytes (0x012acf): one more than golang/snappy accepts.
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x00, (byte) 0xcf, 0x2a}),
                        Unpooled.wrappedBuffer(new byte[] {0x01})))
                .isInstanceOf(DecompressionException.class)
                .hasMessage("snappy chunk of type 0x00 declares 76495 bytes, more than the 76494 any frp peer writes");
        // The first three header bytes had passed on (the decoder behind buffers them); nothing after.
        ByteBuf partial = channel.readInbound();
        assertThat(partial.readableBytes()).isEqualTo(3);
        partial.release();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[100]));
        assertThat(channel.<Object>readInbound()).isNull();
    }
}
