package io.jfrp.protocol.crypto;

import io.jfrp.testkit.EmbeddedChannels;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.UnsupportedMessageTypeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;

import static io.jfrp.protocol.crypto.AesCfbStreamTest.IV;
import static io.jfrp.protocol.crypto.AesCfbStreamTest.ODD_CHUNKS;
import static io.jfrp.protocol.testing.ChannelBytes.concat;
import static io.jfrp.protocol.testing.ChannelBytes.inbound;
import static io.jfrp.protocol.testing.ChannelBytes.outbound;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link CryptoEncoder} and {@link CryptoDecoder} on EmbeddedChannels, against openssl's ciphertext. */
class CryptoHandlersTest {
    @RegisterExtension
    final EmbeddedChannels channels = new EmbeddedChannels();

    /** Hands {@code bytes} from {@code from} on to {@code write} in pieces of {@code ODD_CHUNKS}, cycling. */
    private static void inOddChunks(byte[] bytes, int from, Consumer<ByteBuf> write) {
        for (int i = from, c = 0; i < bytes.length; c++) {
            int n = Math.min(ODD_CHUNKS[c % ODD_CHUNKS.length], bytes.length - i);
            write.accept(Unpooled.copiedBuffer(bytes, i, n));
            i += n;
        }
    }

    @Test
    void encoderWritesIvThenOpensslCiphertext() {
        CryptoKey key = CryptoKey.fromSecret("");
        byte[] plain = AesCfbStreamTest.plaintext(777);
        byte[] expected = concat(IV, AesCfbStreamTest.openssl(key, IV, plain));
        EmbeddedChannel ch = channels.of(new CryptoEncoder(key, IV));
        inOddChunks(plain, 0, ch::writeOutbound);
        assertThat(outbound(ch)).isEqualTo(expected);
    }

    @Test
    void decoderReadsSplitIvAndOpensslCiphertextInOddChunks() {
        CryptoKey key = CryptoKey.fromSecret("abc");
        byte[] plain = AesCfbStreamTest.plaintext(555);
        byte[] wire = concat(IV, AesCfbStreamTest.openssl(key, IV, plain));
        EmbeddedChannel ch = channels.of(new CryptoDecoder(key));
        ch.writeInbound(Unpooled.copiedBuffer(wire, 0, 5));
        ch.writeInbound(Unpooled.copiedBuffer(wire, 5, 10)); // still inside the IV: nothing comes out
        assertThat(ch.<Object>readInbound()).isNull();
        ch.writeInbound(Unpooled.copiedBuffer(wire, 15, 4)); // last IV byte and 3 ciphertext bytes
        inOddChunks(wire, 19, ch::writeInbound);
        assertThat(inbound(ch)).isEqualTo(plain);
    }

    @Test
    void roundTripWithRandomIvsAndCompositeBuffers() {
        CryptoKey key = CryptoKey.fromSecret("token");
        EmbeddedChannel sender = channels.of(new CryptoEncoder(key));
        EmbeddedChannel receiver = channels.of(new CryptoDecoder(key));
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
        assertThat(inbound(receiver)).isEqualTo(sent.toByteArray());
    }

    @Test
    void twoEncodersNeverShareAnIv() {
        CryptoKey key = CryptoKey.fromSecret("token");
        EmbeddedChannel a = channels.of(new CryptoEncoder(key));
        EmbeddedChannel b = channels.of(new CryptoEncoder(key));
        a.writeOutbound(Unpooled.wrappedBuffer(new byte[] {1}));
        b.writeOutbound(Unpooled.wrappedBuffer(new byte[] {1}));
        assertThat(Arrays.copyOf(outbound(a), 16)).isNotEqualTo(Arrays.copyOf(outbound(b), 16));
    }

    @Test
    void emptyFirstWriteSendsTheIvLikeFrp() {
        EmbeddedChannel ch = channels.of(new CryptoEncoder(CryptoKey.fromSecret("x"), IV));
        ch.writeOutbound(Unpooled.EMPTY_BUFFER);
        assertThat(outbound(ch)).isEqualTo(IV);
        ch.writeOutbound(Unpooled.buffer(0));
        assertThat(outbound(ch)).isEmpty();
    }

    @Test
    void refusesToPassAnythingButBuffersUnencrypted() throws Exception {
        EmbeddedChannel ch = channels.of(new CryptoEncoder(CryptoKey.fromSecret("x")));
        File file = File.createTempFile("jfrp", ".bin");
        file.deleteOnExit();
        ChannelFuture f = ch.writeOneOutbound(new DefaultFileRegion(file, 0, 0));
        ch.flushOutbound();
        assertThat(f.cause()).isInstanceOf(UnsupportedMessageTypeException.class);
        assertThat(ch.<Object>readOutbound()).isNull();
    }
}
