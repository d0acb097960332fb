package io.jfrp.protocol.wire;

import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.MessageType;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.ReqWorkConn;
import io.jfrp.protocol.msg.StartWorkConn;
import io.jfrp.protocol.testing.SampleMessages;
import io.jfrp.testkit.EmbeddedChannels;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.jfrp.protocol.testing.ChannelBytes.concat;
import static io.jfrp.protocol.testing.ChannelBytes.deliver;
import static io.jfrp.protocol.testing.ChannelBytes.deliverRandomly;
import static io.jfrp.protocol.testing.ChannelBytes.hex;
import static io.jfrp.protocol.testing.ChannelBytes.inboundMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireFrameDecoderTest {
    @RegisterExtension
    final EmbeddedChannels channels = new EmbeddedChannels();

    private EmbeddedChannel channel(WireFrameDecoder decoder) {
        return channels.of(decoder);
    }

    private EmbeddedChannel messages() {
        return channel(new WireFrameDecoder());
    }

    private static byte[] header(int type, int flags, long length) {
        ByteBuf b = Unpooled.buffer(8).writeShort(type).writeShort(flags).writeInt((int) length);
        return ByteBufUtil.getBytes(b);
    }

    private static byte[] messageFrame(int id, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return concat(header(16, 0, 2 + body.length), new byte[] {(byte) (id >> 8), (byte) id}, body);
    }

    private static WireFrameException failure(EmbeddedChannel ch, byte[] input) {
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(input));
        } catch (WireFrameException e) {
            return e;
        }
        throw new AssertionError("no WireFrameException for " + hex(input));
    }

    @Test
    void decodesTheWorkedExample() {
        EmbeddedChannel ch = messages();
        deliver(hex("00 10 00 00 00 00 00 04 00 07 7B 7D"), ch, 1);
        assertThat(inboundMessages(ch)).containsExactly(ReqWorkConn.INSTANCE);
    }

    @Test
    void decodesFramesInAnyChunking() {
        // The long name is larger than v1's 10240-byte body limit: v2 only limits the frame.
        List<Message> messages = new ArrayList<>(SampleMessages.ofEverySize("0.70.0", 60000));
        messages.add(LoginResp.success("0.70.0", "run"));
        byte[] stream = concat(messages.stream().map(WireFrames::encodeMessage).toArray(byte[][]::new));
        Random random = new Random(7);
        for (int round = 0; round < 12; round++) {
            EmbeddedChannel ch = messages();
            deliverRandomly(stream, ch, random, round * 500);
            assertThat(inboundMessages(ch)).as("round %d", round).containsExactlyElementsOf(messages);
        }
    }

    @Test
    void acceptsTheLargestFrameAndRefusesOneMore() {
        byte[] json = ("{\"proxy_name\":\"" + "y".repeat(65536 - 2 - 17) + "\"}").getBytes(StandardCharsets.UTF_8);
        EmbeddedChannel ch = messages();
        ch.writeInbound(Unpooled.wrappedBuffer(concat(header(16, 0, 65536), hex("0005"), json)));
        assertThat(inboundMessages(ch)).hasSize(1);

        WireFrameException e = failure(messages(), header(16, 0, 65537));
        assertThat(e.reason()).isEqualTo(WireFrameException.Reason.LENGTH_EXCEEDS_LIMIT);
        assertThat(e.length()).isEqualTo(65537);
        assertThat(e).hasMessage("v2 frame type 16 (Message): payload length 65537 exceeds the limit of 65536 bytes");
        assertThat(failure(messages(), header(16, 0, 0xFFFFFFFFL)).length()).isEqualTo(0xFFFFFFFFL);
    }

    @Test
    void refusesNonZeroFlags() {
        WireFrameException e = failure(messages(), concat(header(16, 1, 4), hex("0007 7b7d")));
        assertThat(e.reason()).isEqualTo(WireFrameException.Reason.UNSUPPORTED_FLAGS);
        assertThat(e).hasMessage("v2 frame type 16 (Message): unsupported frame flags 1 (must be 0)");
        assertThat(failure(messages(), header(1, 0x8000, 0)).reason())
                .isEqualTo(WireFrameException.Reason.UNSUPPORTED_FLAGS);
    }

    @Test
    void refusesUnknownFrameTypesFromTheHeaderAlone() {
        for (int type : new int[] {0, 3, 15, 17, 0xFFFF}) {
            WireFrameException e = failure(messages(), header(type, 0, 60000));
            assertThat(e.reason()).isEqualTo(WireFrameException.Reason.UNKNOWN_FRAME_TYPE);
            assertThat(e.frameType()).isEqualTo(type);
            assertThat(e).hasMessage("unknown v2 frame type " + type + " (60000 payload bytes)");
        }
        // v1 bytes on a v2 stream: 'o' + length is type 0x6f00.
        assertThat(failure(messages(), hex("6f00000000000000")).frameType()).isEqualTo(0x6f00);
    }

    @Test
    void acceptsHellosOnlyWhereExpected() {
        byte[] clientHello = concat(header(1, 0, 2), hex("7b7d"));
        byte[] serverHello = concat(header(2, 0, 2), hex("7b7d"));

        WireFrameException e = failure(messages(), clientHello);
        assertThat(e.reason()).isEqualTo(WireFrameException.Reason.UNEXPECTED_FRAME_TYPE);
        assertThat(e).hasMessage("unexpected v2 frame type 1 (ClientHello), expected Message");

        EmbeddedChannel server = channel(new WireFrameDecoder(WireFrameDecoder.Start.CLIENT_HELLO_OR_MESSAGE, Set.of()));
        server.writeInbound(Unpooled.wrappedBuffer(concat(clientHello, WireFrames.encodeMessage(ReqWorkConn.INSTANCE))));
        assertThat(inboundMessages(server)).containsExactly(new HelloFrame(WireFrameType.CLIENT_HELLO, hex("7b7d")),
                ReqWorkConn.INSTANCE);
        e = failure(server, clientHello);
        assertThat(e).hasMessage("unexpected v2 frame type 1 (ClientHello), expected Message");

        e = failure(channel(new WireFrameDecoder(WireFrameDecoder.Start.CLIENT_HELLO_OR_MESSAGE, Set.of())),
                serverHello);
        assertThat(e).hasMessage("unexpected v2 frame type 2 (ServerHello), expected ClientHello or Message");

        EmbeddedChannel client = channel(new WireFrameDecoder(WireFrameDecoder.Start.SERVER_HELLO, Set.of()));
        e = failure(client, WireFrames.encodeMessage(LoginResp.success("0.70.0", "r")));
        assertThat(e).hasMessage("unexpected v2 frame type 16 (Message), expected ServerHello");

        client = channel(new WireFrameDecoder(WireFrameDecoder.Start.SERVER_HELLO, Set.of()));
        client.writeInbound(Unpooled.wrappedBuffer(serverHello));
        assertThat(inboundMessages(client)).containsExactly(new HelloFrame(WireFrameType.SERVER_HELLO, hex("7b7d")));
        assertThat(failure(client, serverHello).reason()).isEqualTo(WireFrameException.Reason.UNEXPECTED_FRAME_TYPE);
    }

    @Test
    void refusesMessagePayloadsWithoutAnId() {
        for (int length : new int[] {0, 1}) {
            WireFrameException e = failure(messages(), concat(header(16, 0, length), new byte[length]));
            assertThat(e.reason()).isEqualTo(WireFrameException.Reason.PAYLOAD_TOO_SHORT);
            assertThat(e).hasMessage("v2 Message frame of " + length + " bytes is shorter than its 2-byte message id");
        }
    }

    @Test
    void refusesUnknownIdsAsSoonAsTheyArrive() {
        for (int id : new int[] {0, 19, 0x6f, 0xFFFF}) {
            // Only the header and the id: the rest of the declared 60000 bytes never has to come.
            WireFrameException e = failure(messages(), concat(header(16, 0, 60000), new byte[] {(byte) (id >> 8), (byte) id}));
            assertThat(e.reason()).isEqualTo(WireFrameException.Reason.UNKNOWN_MESSAGE_ID);
            assertThat(e).hasMessage("unknown v2 message id " + id);
        }
    }

    @Test
    void refusesAnUnexpectedFirstMessage() {
        EmbeddedChannel work = channel(new WireFrameDecoder(WireFrameDecoder.Start.MESSAGES,
                Set.of(MessageType.START_WORK_CONN)));
        WireFrameException e = failure(work, WireFrames.encodeMessage(ReqWorkConn.INSTANCE));
        assertThat(e.reason()).isEqualTo(WireFrameException.Reason.UNEXPECTED_MESSAGE);
        assertThat(e).hasMessage("unexpected message REQ_WORK_CONN, expected START_WORK_CONN");

        EmbeddedChannel ok = channel(new WireFrameDecoder(WireFrameDecoder.Start.CLIENT_HELLO_OR_MESSAGE,
                WireProtocolDetector.FIRST_MESSAGES));
        NewWorkConn first = NewWorkConn.of("run");
        // After the first message anything goes.
        ok.writeInbound(Unpooled.wrappedBuffer(concat(WireFrames.encodeMessage(first),
                WireFrames.encodeMessage(ReqWorkConn.INSTANCE))));
        assertThat(inboundMessages(ok)).containsExactly(first, ReqWorkConn.INSTANCE);

        e = failure(channel(new WireFrameDecoder(WireFrameDecoder.Start.CLIENT_HELLO_OR_MESSAGE,
                WireProtocolDetector.FIRST_MESSAGES)), WireFrames.encodeMessage(new StartWorkConn("p", "", "", 0, 0, "")));
        assertThat(e).hasMessage("unexpected message START_WORK_CONN, expected LOGIN or NEW_VISITOR_CONN or NEW_WORK_CONN");
    }

    @Test
    void refusesMalformedBodiesNamingTheMessage() {
        WireFrameException e = failure(messages(), messageFrame(1, "{\"version\":12}"));
        assertThat(e.reason()).isEqualTo(WireFrameException.Reason.MALFORMED_BODY);
        assertThat(e.getMessage()).startsWith("v2 message LOGIN (id 1): malformed JSON body of 14 bytes: ")
                .contains("version");
        assertThat(failure(messages(), messageFrame(7, "{")).reason()).isEqualTo(WireFrameException.Reason.MALFORMED_BODY);
        assertThat(failure(messages(), messageFrame(7, "")).reason()).isEqualTo(WireFrameException.Reason.MALFORMED_BODY);
        assertThat(failure(messages(), messageFrame(7, "null")).reason()).isEqualTo(WireFrameException.Reason.MALFORMED_BODY);
        assertThat(failure(messages(), messageFrame(7, "{} {}")).reason()).isEqualTo(WireFrameException.Reason.MALFORMED_BODY);
        assertThat(failure(messages(), messageFrame(7, "[]")).reason()).isEqualTo(WireFrameException.Reason.MALFORMED_BODY);
    }

    @Test
    void readsBodiesAsGoDoes() {
        EmbeddedChannel ch = messages();
        ch.writeInbound(Unpooled.wrappedBuffer(messageFrame(6, "{\"RUN_ID\":\"abc\",\"unknown\":[1,2]}")));
        assertThat(inboundMessages(ch)).containsExactly(NewWorkConn.of("abc"));
    }

    @Test
    void discardsEverythingAfterAnError() {
        EmbeddedChannel ch = messages();
        failure(ch, header(16, 1, 4));
        ch.writeInbound(Unpooled.wrappedBuffer(WireFrames.encodeMessage(ReqWorkConn.INSTANCE)));
        assertThat(inboundMessages(ch)).isEmpty();
    }

    @Test
    void reportsAStreamThatEndsInsideAFrame() {
        EmbeddedChannel midHeader = messages();
        midHeader.writeInbound(Unpooled.wrappedBuffer(hex("0010 0000 00")));
        assertThatThrownBy(midHeader::finish).isInstanceOfSatisfying(WireFrameException.class, e -> {
            assertThat(e.reason()).isEqualTo(WireFrameException.Reason.TRUNCATED);
            assertThat(e).hasMessage("v2 stream ended inside the 8-byte frame header (frame type 16 (Message))");
        });

        EmbeddedChannel midPayload = messages();
        midPayload.writeInbound(Unpooled.wrappedBuffer(hex("0010 0000 00000004 0007 7b")));
        assertThatThrownBy(midPayload::finish).isInstanceOfSatisfying(WireFrameException.class, e ->
                assertThat(e).hasMessage("v2 stream ended after 3 of 4 payload bytes (frame type 16 (Message))"));

        EmbeddedChannel atBoundary = messages();
        atBoundary.writeInbound(Unpooled.wrappedBuffer(WireFrames.encodeMessage(ReqWorkConn.INSTANCE)));
        assertThat(atBoundary.finish()).isTrue();
        assertThat(inboundMessages(atBoundary)).containsExactly(ReqWorkConn.INSTANCE);
    }

    @Test
    void handsOverBufferedBytesAndHasASuccessorForMessages() {
        WireFrameDecoder decoder = new WireFrameDecoder(WireFrameDecoder.Start.SERVER_HELLO, Set.of());
        EmbeddedChannel ch = channel(decoder);
        ch.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                // Take what follows the hello, as a layer switch would.
                ByteBuf rest = decoder.takeBuffered();
                ctx.fireChannelRead(msg);
                ctx.fireChannelRead(rest);
            }
        });
        byte[] after = hex("01 02 03 04 05");
        ch.writeInbound(Unpooled.wrappedBuffer(concat(header(2, 0, 2), hex("7b7d"), after)));
        List<Object> in = inboundMessages(ch);
        assertThat(in).hasSize(2);
        ByteBuf rest = (ByteBuf) in.get(1);
        assertThat(ByteBufUtil.getBytes(rest)).isEqualTo(after);
        rest.release();
        assertThat(decoder.successor()).isNotSameAs(decoder);
    }
}
