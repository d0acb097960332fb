package io.jfrp.protocol.wire;

import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewVisitorConn;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.testing.Recorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.jfrp.protocol.testing.ChannelBytes.concat;
import static io.jfrp.protocol.testing.ChannelBytes.deliver;
import static io.jfrp.protocol.testing.ChannelBytes.inboundMessages;
import static io.jfrp.protocol.testing.ChannelBytes.outbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.THROWABLE;

/** The server's side of the v2 hellos, from bytes on the wire (after the detector). */
class ServerHandshakeHandlerTest {
    private static final ServerWireSettings SETTINGS = ServerWireSettings.forToken("token", "0.70.0");
    @RegisterExtension
    final WireChannels channels = new WireChannels();

    private static byte[] clientHelloFrame(ClientHello hello) {
        return WireFrames.encodeHello(new HelloFrame(WireFrameType.CLIENT_HELLO, HelloJson.write(hello)));
    }

    private static ClientHello hello(List<AeadAlgorithm> algorithms) {
        return HelloNegotiation.clientHello(new ClientHello.Bootstrap("tcp", true, true), algorithms, new SecureRandom());
    }

    /** What the server wrote, as frames: its ServerHello first. */
    private List<Object> frames(byte[] wire) {
        return decoded(new WireFrameDecoder(WireFrameDecoder.Start.SERVER_HELLO, Set.of()), wire);
    }

    /** What the server wrote, as messages only. */
    private List<Object> messages(byte[] wire) {
        return decoded(new WireFrameDecoder(), wire);
    }

    private List<Object> decoded(WireFrameDecoder decoder, byte[] wire) {
        EmbeddedChannel reader = channels.of(decoder);
        reader.writeInbound(Unpooled.wrappedBuffer(wire));
        return inboundMessages(reader);
    }

    @Test
    void answersAClientHelloAndDerivesTheKeysFromTheExactPayloads() {
        Recorder app = new Recorder();
        EmbeddedChannel ch = channels.server(app, SETTINGS);
        ClientHello hello = hello(List.of(AeadAlgorithm.XCHACHA20_POLY1305, AeadAlgorithm.AES_256_GCM));
        byte[] chPayload = HelloJson.write(hello);
        Login login = Login.builder().version("0.70.0").build();
        deliver(concat(WireFrames.magic(), clientHelloFrame(hello), WireFrames.encodeMessage(login)), ch, 1);
        assertThat(app.messages).containsExactly(login);
        List<Object> written = frames(outbound(ch));
        assertThat(written).hasSize(1);
        HelloFrame reply = (HelloFrame) written.get(0);
        ServerHello sh = HelloJson.readServerHello(reply.payload());
        assertThat(sh.selected().crypto().algorithm()).isEqualTo("xchacha20-poly1305");
        ControlKeys keys = ControlKeys.negotiatedOn(ch);
        ControlKeys expected = KeySchedule.controlKeys("token".getBytes(StandardCharsets.UTF_8),
                AeadAlgorithm.XCHACHA20_POLY1305, chPayload, reply.payload());
        assertThat(keys.algorithm()).isEqualTo(AeadAlgorithm.XCHACHA20_POLY1305);
        assertThat(keys.clientToServer()).isEqualTo(expected.clientToServer());
        assertThat(keys.serverToClient()).isEqualTo(expected.serverToClient());
        assertThat(ch.pipeline().get(WirePipelines.HANDSHAKE)).isNull();
    }

    @Test
    void refusesAnUnacceptableClientHelloWithAnErrorServerHelloAndCloses() {
        Recorder app = new Recorder();
        EmbeddedChannel ch = channels.server(app, SETTINGS.withAlgorithms(EnumSet.of(AeadAlgorithm.AES_256_GCM)));
        ClientHello hello = hello(List.of(AeadAlgorithm.XCHACHA20_POLY1305));
        ch.writeInbound(Unpooled.wrappedBuffer(concat(WireFrames.magic(), clientHelloFrame(hello),
                WireFrames.encodeMessage(Login.builder().build()))));
        List<Object> written = frames(outbound(ch));
        assertThat(written).containsExactly(new HelloFrame(WireFrameType.SERVER_HELLO,
                ("{\"selected\":{\"message\":{\"codec\":\"json\"},\"crypto\":{}},\"error\":\"no supported crypto "
                        + "algorithm\"}").getBytes(StandardCharsets.UTF_8)));
        assertThat(ch.isOpen()).isFalse();
        assertThat(app.messages).as("the Login behind it goes nowhere").isEmpty();
        assertThat(ControlKeys.negotiatedOn(ch)).isNull();
    }

    @Test
    void refusesALoginWithoutClientHello() {
        for (boolean detailed : new boolean[] {true, false}) {
            Recorder app = new Recorder();
            EmbeddedChannel ch = channels.server(app, SETTINGS.withDetailedErrorsToClient(detailed));
            ch.writeInbound(Unpooled.wrappedBuffer(concat(WireFrames.magic(),
                    WireFrames.encodeMessage(Login.builder().version("0.70.0").build()))));
            assertThat(messages(outbound(ch))).containsExactly(LoginResp.failure("0.70.0",
                    detailed ? "missing v2 crypto negotiation" : "register control error"));
            assertThat(ch.isOpen()).isFalse();
            assertThat(app.messages).isEmpty();
        }
    }

    @Test
    void passesWorkAndVisitorConnectionsWithoutHello() {
        for (Message first : List.of(NewWorkConn.of("run"),
                new NewVisitorConn("run", "secret-ssh", "key", 1700000000L, false, false))) {
            Recorder app = new Recorder();
            EmbeddedChannel ch = channels.server(app, SETTINGS);
            ch.writeInbound(Unpooled.wrappedBuffer(concat(WireFrames.magic(), WireFrames.encodeMessage(first))));
            assertThat(app.messages).containsExactly(first);
            assertThat(outbound(ch)).isEmpty();
            assertThat(ch.pipeline().get(WirePipelines.HANDSHAKE)).isNull();
        }
    }

    @Test
    void aMalformedClientHelloIsAnErrorAndNothingBehindItPasses() {
        Recorder app = new Recorder();
        EmbeddedChannel ch = channels.server(app, SETTINGS);
        ch.writeInbound(Unpooled.wrappedBuffer(concat(WireFrames.magic(),
                WireFrames.encodeHello(new HelloFrame(WireFrameType.CLIENT_HELLO, "{\"capabilities\":7}".getBytes())),
                WireFrames.encodeMessage(Login.builder().build()))));
        assertThat(app.errors).singleElement(THROWABLE).isInstanceOfSatisfying(WireFrameException.class,
                e -> assertThat(e.reason()).isEqualTo(WireFrameException.Reason.MALFORMED_HELLO));
        assertThat(app.messages).isEmpty();
        assertThat(outbound(ch)).isEmpty();
    }

    @Test
    void aSecondClientHelloIsAFramingError() {
        Recorder app = new Recorder();
        EmbeddedChannel ch = channels.server(app, SETTINGS);
        byte[] hello = clientHelloFrame(hello(List.of(AeadAlgorithm.AES_256_GCM)));
        ch.writeInbound(Unpooled.wrappedBuffer(concat(WireFrames.magic(), hello, hello)));
        assertThat(app.errors).singleElement(THROWABLE).hasMessage(
                "unexpected v2 frame type 1 (ClientHello), expected Message");
    }

    @Test
    void buffersNothingUnboundedForAHugeDeclaredFrame() {
        Recorder app = new Recorder();
        EmbeddedChannel ch = channels.server(app, SETTINGS);
        ByteBuf header = Unpooled.buffer().writeBytes(WireFrames.magic()).writeShort(1).writeShort(0).writeInt(1 << 20);
        ch.writeInbound(header);
        assertThat(app.errors).singleElement(THROWABLE).isInstanceOfSatisfying(WireFrameException.class,
                e -> assertThat(e.reason()).isEqualTo(WireFrameException.Reason.LENGTH_EXCEEDS_LIMIT));
    }
}
