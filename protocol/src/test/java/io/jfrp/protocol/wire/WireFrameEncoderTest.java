package io.jfrp.protocol.wire;

import io.jfrp.protocol.msg.CloseProxy;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.ReqWorkConn;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.jfrp.protocol.testing.ChannelBytes.concat;
import static io.jfrp.protocol.testing.ChannelBytes.hex;
import static io.jfrp.protocol.testing.ChannelBytes.outbound;
import static org.assertj.core.api.Assertions.assertThat;

class WireFrameEncoderTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(WireFrameEncoder.INSTANCE);

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    @Test
    void reqWorkConnIsTheWorkedExample() {
        channel.writeAndFlush(ReqWorkConn.INSTANCE);
        assertThat(outbound(channel)).isEqualTo(hex("00 10 00 00 00 00 00 04 00 07 7B 7D"));
        assertThat(WireFrames.encodeMessage(ReqWorkConn.INSTANCE)).isEqualTo(hex("0010000000000004 0007 7b7d"));
    }

    @Test
    void messageFrameIsHeaderIdAndTheV1JsonBody() {
        NewWorkConn msg = NewWorkConn.of("0123456789abcdef");
        byte[] json = "{\"run_id\":\"0123456789abcdef\"}".getBytes(StandardCharsets.UTF_8);
        channel.writeAndFlush(msg);
        assertThat(outbound(channel)).isEqualTo(concat(hex("0010 0000"), new byte[] {0, 0, 0, (byte) (2 + json.length)},
                hex("0006"), json));

        Login login = Login.builder().version("0.70.0").poolCount(1).build();
        byte[] loginJson = io.jfrp.protocol.codec.MessageJson.write(login);
        channel.writeAndFlush(login);
        byte[] frame = outbound(channel);
        assertThat(frame).startsWith(hex("0010 0000"));
        assertThat(Unpooled.wrappedBuffer(frame).getInt(4)).isEqualTo(2 + loginJson.length);
        assertThat(Unpooled.wrappedBuffer(frame).getShort(8)).isEqualTo((short) 1);
    }

    @Test
    void helloFramesCarryTheirPayloadAsIs() {
        byte[] payload = "{\"x\":1}".getBytes(StandardCharsets.US_ASCII);
        channel.writeAndFlush(new HelloFrame(WireFrameType.CLIENT_HELLO, payload));
        channel.writeAndFlush(new HelloFrame(WireFrameType.SERVER_HELLO, payload));
        assertThat(outbound(channel)).isEqualTo(concat(hex("0001 0000 00000007"), payload,
                hex("0002 0000 00000007"), payload));
    }

    @Test
    void bytesPassThrough() {
        channel.writeAndFlush(Unpooled.wrappedBuffer(WireFrames.magic()));
        assertThat(outbound(channel)).isEqualTo(hex("46 52 50 00 02 0D 0A"));
    }

    @Test
    void messageBeyondTheFrameLimitFailsItsWrite() {
        // 2-byte id + {"proxy_name":"..."} (17 bytes of JSON around the name) must stay <= 65536.
        ChannelFuture fits = channel.writeAndFlush(new CloseProxy("x".repeat(65536 - 2 - 17)));
        assertThat(fits.isSuccess()).isTrue();
        assertThat(outbound(channel)).hasSize(8 + 65536);

        ChannelFuture tooLong = channel.writeAndFlush(new CloseProxy("x".repeat(65536 - 2 - 16)));
        assertThat(tooLong.cause()).isInstanceOf(EncoderException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload of 65537 bytes exceeds the frame limit of 65536");
        assertThat(outbound(channel)).isEmpty();
    }
}
