package io.jfrp.protocol.crypto;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.UnsupportedMessageTypeException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.util.Arrays;
import java.util.Random;

import static io.jfrp.protocol.crypto.AesCfbStreamTest.IV;
import static io.jfrp.protocol.crypto.AesCfbStreamTest.ODD_CHUNKS;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link CryptoEncoder} and {@link CryptoDecoder} on EmbeddedChannels, against openssl's ciphertext. */
class CryptoHandlersTest {

    private static byte[] drainOutbound(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            out.writeBytes(ByteBufUtil.getBytes(b));
            b.release();
        }
        return out.toByteArray();
    }

    private static byte[] drainInbound(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf b; (b = ch.readInbound()) != null; ) {
            out.writeBytes(ByteBufUtil.getBytes(b));
            b.release();
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void encoderWritesIvThenOpensslCiphertext() {
        CryptoKey key = CryptoKey.fromSecret("");
        byte[] plain = AesCfbStreamTest.plaintext(777);
        byte[] expected = concat(IV, AesCfbStreamTest.openssl(key, IV, plain));
        EmbeddedChannel ch = new EmbeddedChannel(new CryptoEncoder(key, IV));
        try {
            for (int i = 0, c = 0; i < plain.length; c++) {
                int n = Math.min(ODD_CHUNKS[c % ODD_CHUNKS.length], plain.length - i);
                ch.writeOutbound(Unpooled.copiedBuffer(plain, i, n));
                i += n;
            }
            assertThat(drainOutbound(ch)).isEqualTo(expected);
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void decoderReadsSplitIvAndOpensslCiphertextInOddChunks() {
        CryptoKey key = CryptoKey.fromSecret("abc");
        byte[] plain = AesCfbStreamTest.plaintext(555);
        byte[] wire = concat(IV, AesCfbStreamTest.openssl(key, IV, plain));
        EmbeddedChannel ch = new EmbeddedChannel(new CryptoDecoder(key));
        try {
            ch.writeInbound(Unpooled.copiedBuffer(wire, 0, 5));
            ch.writeInbound(Unpooled.copiedBuffer(wire, 5, 10)); // still inside the IV: nothing comes out
            assertThat(ch.<Object>readInbound()).isNull();
            ch.writeInbound(Unpooled.copiedBuffer(wire, 15, 4)); // last IV byte and 3 ciphertext bytes
            for (int i = 19, c = 0; i < wire.length; c++) {
                int n = Math.min(ODD_CHUNKS[c % ODD_CHUNKS.length], wire.length - i);
                ch.writeInbound(Unpooled.copiedBuffer(wire, i, n));
                i += n;
            }
            assertThat(drainInbound(ch)).isEqualTo(plain);
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void roundTripWithRandomIvsAndCompositeBuffers() {
        CryptoKey key = CryptoKey.fromSecret("token");
        EmbeddedChannel sender = new EmbeddedChannel(new CryptoEncoder(key));
        EmbeddedChannel receiver = new EmbeddedChannel(new CryptoDecoder(key));
        try {
            Random random = new Random(11);
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            for (int i = 0; i < 300; i++) {
                byte[] a = new byte[random.nextInt(3000)];
                byte[] b = new byte[random.nextInt(50)];
                random.nextBytes(a);
                random.nextBytes(b);
                sent.writeBytes(a);
                sent.writeBytes(b);
                CompositeByteBuf composite = Unpooled.compositeBuffer();
                composite.addComponent(true, Unpooled.wrappedBuffer(a)).addComponent(true, Unpooled.wrappedBuffer(b));
                sender.writeOutbound(composite);
                for (ByteBuf wire; (wire = sender.readOutbound()) != null; ) {
                    receiver.writeInbound(wire);
                }
            }
            assertThat(drainInbound(receiver)).isEqualTo(sent.toByteArray());
        } finally {
            sender.finishAndReleaseAll();
            receiver.finishAndReleaseAll();
        }
    }

    @Test
    void twoEncodersNeverShareAnIv() {
        CryptoKey key = CryptoKey.fromSecret("token");
        EmbeddedChannel a = new EmbeddedChannel(new CryptoEncoder(key));
        EmbeddedChannel b = new EmbeddedChannel(new CryptoEncoder(key));
        try {
            a.writeOutbound(Unpooled.wrappedBuffer(new byte[] {1}));
            b.writeOutbound(Unpooled.wrappedBuffer(new byte[] {1}));
            assertThat(Arrays.copyOf(drainOutbound(a), 16)).isNotEqualTo(Arrays.copyOf(drainOutbound(b), 16));
        } finally {
            a.finishAndReleaseAll();
            b.finishAndReleaseAll();
        }
    }

    @Test
    void emptyFirstWriteSendsTheIvLikeFrp() {
        EmbeddedChannel ch = new EmbeddedChannel(new CryptoEncoder(CryptoKey.fromSecret("x"), IV));
        try {
            ch.writeOutbound(Unpooled.EMPTY_BUFFER);
            assertThat(drainOutbound(ch)).isEqualTo(IV);
            ch.writeOutbound(Unpooled.buffer(0));
            assertThat(drainOutbound(ch)).isEmpty();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void refusesToPassAnythingButBuffersUnencrypted() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new CryptoEncoder(CryptoKey.fromSecret("x")));
        File file = File.createTempFile("jfrp", ".bin");
        file.deleteOnExit();
        try {
            ChannelFuture f = ch.writeOneOutbound(new DefaultFileRegion(file, 0, 0));
            ch.flushOutbound();
            assertThat(f.cause()).isInstanceOf(UnsupportedMessageTypeException.class);
            assertThat(ch.<Object>readOutbound()).isNull();
        } finally {
            ch.finishAndReleaseAll();
        }
    }
}
