package io.jfrp.protocol.websocket;

import io.jfrp.testkit.EmbeddedBytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** frp's WebSocket frames to a byte stream and back: exact frames, every frame kind read, big writes cut. */
class WebSocketByteStreamTest {
    private final EmbeddedChannel ch = new EmbeddedChannel(new WebSocketByteStream());

    @AfterEach
    void release() {
        ch.finishAndReleaseAll();
    }

    @Test
    void binaryTextAndContinuationFramesAreReadAsTheirBytes() {
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, 0, 1};
        ch.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(notUtf8)));
        ch.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(notUtf8))); // frp < 0.70 wrote text
        ch.writeInbound(new ContinuationWebSocketFrame(Unpooled.copiedBuffer("rest", StandardCharsets.US_ASCII)));
        ch.writeInbound(new BinaryWebSocketFrame(Unpooled.EMPTY_BUFFER));

        assertThat(bytes(ch.readInbound())).containsExactly(notUtf8);
        assertThat(bytes(ch.readInbound())).containsExactly(notUtf8);
        assertThat(bytes(ch.readInbound())).containsExactly("rest".getBytes(StandardCharsets.US_ASCII));
        assertThat((Object) ch.readInbound()).as("an empty frame passes nothing on").isNull();
    }

    @Test
    void bytesAreWrittenAsBinaryFramesOfAtMost64KiB() {
        byte[] big = new byte[WebSocketByteStream.MAX_WRITTEN_FRAME * 2 + 100];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        assertThat(ch.writeOutbound(Unpooled.wrappedBuffer(big))).isTrue();

        ByteBuf joined = Unpooled.buffer();
        int[] sizes = new int[3];
        for (int i = 0; i < 3; i++) {
            BinaryWebSocketFrame f = ch.readOutbound();
            sizes[i] = f.content().readableBytes();
            joined.writeBytes(f.content());
            f.release();
        }
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(sizes).containsExactly(65536, 65536, 100);
        assertThat(bytes(joined)).containsExactly(big);
    }

    @Test
    void anEmptyWriteSendsNoFrame() {
        assertThat(ch.writeOneOutbound(Unpooled.EMPTY_BUFFER).isSuccess()).isTrue();
        ch.flushOutbound();
        assertThat((Object) ch.readOutbound()).isNull();
    }

    @Test
    void aPingIsAnsweredWithItsPayloadAndAPongDropped() {
        ch.writeInbound(new PingWebSocketFrame(Unpooled.copiedBuffer("p1", StandardCharsets.US_ASCII)));
        ch.writeInbound(new PongWebSocketFrame(Unpooled.copiedBuffer("p2", StandardCharsets.US_ASCII)));

        PongWebSocketFrame pong = ch.readOutbound();
        assertThat(pong.content().toString(StandardCharsets.US_ASCII)).isEqualTo("p1");
        pong.release();
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void aCloseFrameIsAnsweredAndEndsTheConnection() {
        ch.writeInbound(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));

        CloseWebSocketFrame answer = ch.readOutbound();
        assertThat(answer.statusCode()).isEqualTo(1000);
        answer.release();
        assertThat(ch.isOpen()).isFalse();
    }

    private static byte[] bytes(ByteBuf b) {
        return EmbeddedBytes.readAndRelease(b);
    }
}
