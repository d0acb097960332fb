package io.jfrp.protocol.wire;

import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.codec.MessageCodec;
import io.jfrp.protocol.codec.MessageFrameDecoder;
import io.jfrp.protocol.codec.MessageFrameEncoder;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.ReqWorkConn;
import io.jfrp.protocol.testing.Recorder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.jfrp.protocol.testing.ChannelBytes.concat;
import static io.jfrp.protocol.testing.ChannelBytes.deliver;
import static io.jfrp.protocol.testing.ChannelBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.THROWABLE;

class WireProtocolDetectorTest {
    private static final ServerWireSettings SETTINGS = ServerWireSettings.forToken("token", "0.70.0");
    @RegisterExtension
    final WireChannels channels = new WireChannels();

    @Test
    void theMagicMeansV2AndIsConsumed() {
        Recorder app = new Recorder();
        EmbeddedChannel ch = channels.server(app, SETTINGS);
        NewWorkConn work = NewWorkConn.of("run1");
        deliver(concat(hex("46 52 50 00 02 0D 0A"), WireFrames.encodeMessage(work)), ch, 1);
        assertThat(app.messages).containsExactly(work);
        assertThat(app.events).containsExactly(new WireProtocolDetector.WireProtocolDetected(WireProtocol.V2));
        assertThat(WireProtocol.of(ch)).isEqualTo(WireProtocol.V2);
        assertThat(ch.pipeline().get(FrpPipelines.FRAME_DECODER)).isInstanceOf(WireFrameDecoder.class);
        assertThat(ch.pipeline().get(FrpPipelines.FRAME_ENCODER)).isInstanceOf(WireFrameEncoder.class);
        assertThat(ch.pipeline().get(WirePipelines.DETECTOR)).isNull();
        assertThat(ch.pipeline().get(WirePipelines.HANDSHAKE)).as("gone after the first message").isNull();
    }

    @Test
    void anythingElseIsReplayedIntoTheV1Decoder() {
        for (int chunk : new int[] {1, 3, 7, 8, 1000}) {
            Recorder app = new Recorder();
            EmbeddedChannel ch = channels.server(app, SETTINGS);
            Login login = Login.builder().version("0.61.1").poolCount(1).build();
            deliver(concat(MessageCodec.encode(login), MessageCodec.encode(ReqWorkConn.INSTANCE)), ch, chunk);
            assertThat(app.messages).as("chunk %d", chunk).containsExactly(login, ReqWorkConn.INSTANCE);
            assertThat(app.events).containsExactly(new WireProtocolDetector.WireProtocolDetected(WireProtocol.V1));
            assertThat(WireProtocol.of(ch)).isEqualTo(WireProtocol.V1);
            assertThat(ch.pipeline().get(FrpPipelines.FRAME_DECODER)).isInstanceOf(MessageFrameDecoder.class);
            assertThat(ch.pipeline().get(FrpPipelines.FRAME_ENCODER)).isInstanceOf(MessageFrameEncoder.class);
        }
    }

    @Test
    void aNearMissOfTheMagicIsV1() {
        Recorder app = new Recorder();
        EmbeddedChannel ch = channels.server(app, SETTINGS);
        ch.writeInbound(Unpooled.wrappedBuffer(hex("46 52 50 00 02 0D 0B")));
        assertThat(WireProtocol.of(ch)).isEqualTo(WireProtocol.V1);
        assertThat(app.errors).singleElement(THROWABLE).hasMessageContaining("unknown message type 'F'");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void waitsForSevenBytesWithinTheDeadline() {
        Recorder app = new Recorder();
        EmbeddedChannel ch = channels.server(app, SETTINGS.withDetectionTimeout(Duration.ofSeconds(10)));
        ch.freezeTime();
        ch.writeInbound(Unpooled.wrappedBuffer(hex("46 52 50 00 02 0D")));
        ch.advanceTimeBy(9, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        assertThat(WireProtocol.of(ch)).isNull();
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat(app.errors).singleElement(THROWABLE).isInstanceOf(WireProtocolDetector.DetectionTimeoutException.class)
                .hasMessage("no wire protocol magic or v1 message within 10000 ms");
    }

    @Test
    void theDeadlineEndsOnceDetected() {
        EmbeddedChannel ch = channels.server(new Recorder(), SETTINGS);
        ch.freezeTime();
        ch.writeInbound(Unpooled.wrappedBuffer(WireFrames.magic()));
        ch.advanceTimeBy(60, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void aStreamEndingBeforeSevenBytesIsTruncated() {
        Recorder app = new Recorder();
        EmbeddedChannel ch = channels.server(app, SETTINGS);
        ch.writeInbound(Unpooled.wrappedBuffer(hex("46 52 50")));
        ch.pipeline().fireChannelInactive();
        assertThat(app.errors).singleElement(THROWABLE).isInstanceOfSatisfying(WireFrameException.class, e -> {
            assertThat(e.reason()).isEqualTo(WireFrameException.Reason.TRUNCATED);
            assertThat(e).hasMessage("stream ended after 3 of the 7 bytes that tell wire protocol v1 from v2");
        });
    }
}
