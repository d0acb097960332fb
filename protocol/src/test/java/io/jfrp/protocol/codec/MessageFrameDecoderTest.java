package io.jfrp.protocol.codec;

import io.jfrp.protocol.msg.CloseProxy;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.ReqWorkConn;
import io.jfrp.protocol.testing.ChannelBytes;
import io.jfrp.protocol.testing.SampleMessages;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageFrameDecoderTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new MessageFrameDecoder());

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    private static ByteBuf bytes(byte[] b, int from, int to) {
        return Unpooled.copiedBuffer(b, from, to - from);
    }

    private static byte[] header(char type, long length) {
        byte[] h = new byte[9];
        h[0] = (byte) type;
        for (int i = 0; i < 8; i++) {
            h[1 + i] = (byte) (length >>> (56 - 8 * i));
        }
        return h;
    }

    @Test
    void decodesFramesInAnyChunking() {
        List<Message> messages = SampleMessages.ofEverySize("0.61.1", 10000);
        byte[] stream = ChannelBytes.concat(messages.stream().map(MessageCodec::encode).toArray(byte[][]::new));
        Random random = new Random(1);
        for (int round = 0; round < 20; round++) {
            ChannelBytes.deliverRandomly(stream, channel, random, round * 97);
            for (Message m : messages) {
                assertThat(channel.<Object>readInbound()).isEqualTo(m);
            }
            assertThat(channel.<Object>readInbound()).isNull();
        }
    }

    @Test
    void oversizedLengthIsRefusedBeforeTheBodyArrives() {
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(header('p', 10241))))
                .isInstanceOfSatisfying(MessageFrameException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MessageFrameException.Reason.LENGTH_EXCEEDS_LIMIT);
                    assertThat(e.typeByte()).isEqualTo('p');
                    assertThat(e.length()).isEqualTo(10241);
                    assertThat(e).hasMessageContaining("'p' (0x70)").hasMessageContaining("10241");
                });
        // The stream has lost its framing: whatever follows is discarded, nothing is decoded.
        channel.writeInbound(Unpooled.wrappedBuffer(MessageCodec.encode(ReqWorkConn.INSTANCE)));
        assertThat(channel.<Object>readInbound()).isNull();
    }

    @Test
    void hugeAndNegativeLengthsAreRefused() {
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(header('o', Long.MAX_VALUE))))
                .isInstanceOfSatisfying(MessageFrameException.class,
                        e -> assertThat(e.reason()).isEqualTo(MessageFrameException.Reason.LENGTH_EXCEEDS_LIMIT));
        EmbeddedChannel other = new EmbeddedChannel(new MessageFrameDecoder());
        try {
            assertThatThrownBy(() -> other.writeInbound(Unpooled.wrappedBuffer(header('o', -1))))
                    .isInstanceOfSatisfying(MessageFrameException.class, e -> {
                        assertThat(e.reason()).isEqualTo(MessageFrameException.Reason.NEGATIVE_LENGTH);
                        assertThat(e.length()).isEqualTo(-1);
                    });
        } finally {
            other.finishAndReleaseAll();
        }
    }

    @Test
    void garbageTypeByteIsRefusedOnItsOwn() {
        // A TLS ClientHello's first byte, alone: refused without waiting for a header.
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x16})))
                .isInstanceOfSatisfying(MessageFrameException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MessageFrameException.Reason.UNKNOWN_TYPE);
                    assertThat(e.typeByte()).isEqualTo(0x16);
                });
    }

    @Test
    void malformedJsonIsRefusedWithTheTypeAndLength() {
        byte[] body = "{\"proxy_name\":".getBytes();
        ByteBuf in = Unpooled.buffer().writeBytes(header('c', body.length)).writeBytes(body);
        assertThatThrownBy(() -> channel.writeInbound(in)).isInstanceOfSatisfying(MessageFrameException.class, e -> {
            assertThat(e.reason()).isEqualTo(MessageFrameException.Reason.MALFORMED_BODY);
            assertThat(e).hasMessageStartingWith("message type 'c' (0x63): malformed JSON body of 14 bytes: ");
        });
    }

    @Test
    void endOfStreamInsideAFrameIsReported() {
        byte[] frame = MessageCodec.encode(new CloseProxy("abc"));
        channel.writeInbound(bytes(frame, 0, frame.length - 2));
        assertThatThrownBy(channel::finish).isInstanceOfSatisfying(MessageFrameException.class, e -> {
            assertThat(e.reason()).isEqualTo(MessageFrameException.Reason.TRUNCATED);
            assertThat(e).hasMessage("message type 'c' (0x63): stream ended after 18 of 20 body bytes");
        });
    }

    @Test
    void cleanEndOfStreamIsQuiet() {
        channel.writeInbound(Unpooled.wrappedBuffer(MessageCodec.encode(new CloseProxy("abc"))));
        assertThat(channel.finish()).isTrue();
        assertThat(channel.<Object>readInbound()).isEqualTo(new CloseProxy("abc"));
    }

    @Test
    void exceptionIsTheDecoderExceptionNettyPropagates() {
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'Z'})))
                .isInstanceOf(DecoderException.class)
                .isExactlyInstanceOf(MessageFrameException.class);
    }
}
