package io.jfrp.protocol.codec;

import io.jfrp.protocol.msg.CloseProxy;
import io.jfrp.protocol.msg.LoginResp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageFrameEncoderTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(MessageFrameEncoder.INSTANCE);

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    @Test
    void writesTheFrameBytes() {
        LoginResp resp = LoginResp.success("0.61.1", "abcdef");
        channel.writeOutbound(resp);
        ByteBuf out = channel.readOutbound();
        try {
            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(MessageCodec.encode(resp));
            assertThat(ByteBufUtil.hexDump(out, 0, 9)).isEqualTo("31" + "0000000000000026");
        } finally {
            out.release();
        }
    }

    @Test
    void oversizedMessageFailsTheWriteAndSendsNothing() {
        ChannelFuture f = channel.writeOneOutbound(new CloseProxy("x".repeat(10300)));
        channel.flushOutbound();
        assertThat(f.cause()).isInstanceOf(EncoderException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds the limit of 10240");
        assertThat(channel.<Object>readOutbound()).isNull();
    }
}
