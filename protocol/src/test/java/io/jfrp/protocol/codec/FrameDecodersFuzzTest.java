package io.jfrp.protocol.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jfrp.protocol.wire.WireFrameDecoder;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Jazzer: any bytes fed to the frp message decoders (v1's {@link MessageFrameDecoder} and
 * {@link MessageCodec#read}, wire v2's {@link WireFrameDecoder} as the server starts it) decode to
 * messages or fail with the codec's own exception; nothing else escapes and no buffer leaks
 * (paranoid leak detection in tests). In CI the committed corpus under
 * src/test/resources/.../FrameDecodersFuzzTestInputs runs;
 * docs/TESTING.md ("Fuzz tests") gives the command for a long run.
 */
class FrameDecodersFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void v1FrameDecoder(byte[] input) {
        feed(input, MessageFrameDecoder::new);
    }

    @FuzzTest(maxDuration = "10s")
    void v1StreamReader(byte[] input) {
        try {
            MessageCodec.read(new ByteArrayInputStream(input));
        } catch (IOException | MessageFrameException | IllegalArgumentException expected) {
            // EOF, a bad frame or a bad body: refused with a message naming it
        }
    }

    @FuzzTest(maxDuration = "10s")
    void v2FrameDecoder(byte[] input) {
        feed(input, () -> new WireFrameDecoder(WireFrameDecoder.Start.CLIENT_HELLO_OR_MESSAGE, java.util.Set.of()));
    }

    private static void feed(byte[] input, Supplier<ChannelHandler> decoder) {
        EmbeddedChannel ch = new EmbeddedChannel(decoder.get());
        try {
            int step = input.length == 0 ? 1 : 1 + (input[0] & 0x3F);
            for (int off = 0; off < input.length && ch.isOpen(); off += step) {
                ch.writeInbound(Unpooled.wrappedBuffer(input, off, Math.min(step, input.length - off)));
            }
        } catch (DecoderException expected) {
            // the decoder's refusal: the connection would be closed
        } finally {
            ch.finishAndReleaseAll();
        }
        Object m;
        while ((m = ch.readInbound()) != null) {
            ReferenceCountUtil.release(m);
        }
    }
}
