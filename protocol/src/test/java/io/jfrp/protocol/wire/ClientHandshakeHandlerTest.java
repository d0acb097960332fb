package io.jfrp.protocol.wire;

import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.testkit.EmbeddedChannels;
import io.jfrp.protocol.testing.Recorder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.jfrp.protocol.testing.ChannelBytes.concat;
import static io.jfrp.protocol.testing.ChannelBytes.outbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.THROWABLE;

/** The client's side of the v2 hellos: when it writes, and what ServerHellos it refuses. */
class ClientHandshakeHandlerTest {
    @RegisterExtension
    final EmbeddedChannels channels = new EmbeddedChannels();

    /** Handlers added before the channel is registered, as a client initializer does. */
    private EmbeddedChannel client(Recorder app, List<AeadAlgorithm> offered) throws Exception {
        EmbeddedChannel ch = channels.track(new EmbeddedChannel(false, false));
        WirePipelines.addClientControlCodec(ch.pipeline(), WireProtocol.V2,
                ClientWireSettings.forToken("t", "tcp", true, false).withAlgorithms(offered));
        ch.pipeline().addLast("app", app);
        ch.register();
        return ch;
    }

    private static byte[] serverHello(String json) {
        return WireFrames.encodeHello(new HelloFrame(WireFrameType.SERVER_HELLO, json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String selection(String algorithm) {
        return "{\"selected\":{\"message\":{\"codec\":\"json\"},\"crypto\":{\"algorithm\":\"" + algorithm
                + "\",\"serverRandom\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\"}}}";
    }

    @Test
    void writesMagicAndHelloOnceWhenActive() throws Exception {
        EmbeddedChannel ch = client(new Recorder(), AeadAlgorithm.preferredOrder());
        byte[] wire = outbound(ch);
        assertThat(wire).startsWith(WireFrames.magic());
        assertThat(Unpooled.wrappedBuffer(wire).getShort(7)).isEqualTo((short) 1);
        ch.pipeline().fireChannelActive();
        assertThat(outbound(ch)).as("not twice").isEmpty();
    }

    @Test
    void acceptsAServerHelloAndKeepsTheKeysForLater() throws Exception {
        Recorder app = new Recorder();
        EmbeddedChannel ch = client(app, List.of(AeadAlgorithm.AES_256_GCM));
        ch.writeInbound(Unpooled.wrappedBuffer(concat(serverHello(selection("aes-256-gcm")),
                WireFrames.encodeMessage(LoginResp.success("0.70.0", "r")))));
        assertThat(app.messages).containsExactly(LoginResp.success("0.70.0", "r"));
        assertThat(ControlKeys.negotiatedOn(ch).algorithm()).isEqualTo(AeadAlgorithm.AES_256_GCM);
        assertThat(ch.pipeline().get(WirePipelines.HANDSHAKE)).isNull();
    }

    @Test
    void refusesAnErrorServerHelloAndDropsWhatFollows() throws Exception {
        Recorder app = new Recorder();
        EmbeddedChannel ch = client(app, List.of(AeadAlgorithm.AES_256_GCM));
        ch.writeInbound(Unpooled.wrappedBuffer(concat(
                serverHello("{\"selected\":{\"message\":{\"codec\":\"json\"},\"crypto\":{}},\"error\":\"nope\"}"),
                WireFrames.encodeMessage(LoginResp.success("0.70.0", "r")))));
        assertThat(app.errors).singleElement(THROWABLE).isInstanceOfSatisfying(WireHandshakeException.class, e -> {
            assertThat(e.reason()).isEqualTo(WireHandshakeException.Reason.REFUSED_BY_SERVER);
            assertThat(e).hasMessage("nope");
        });
        assertThat(app.messages).isEmpty();
        assertThat(ControlKeys.negotiatedOn(ch)).isNull();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void refusesAnAlgorithmItDidNotOffer() throws Exception {
        Recorder app = new Recorder();
        EmbeddedChannel ch = client(app, List.of(AeadAlgorithm.AES_256_GCM));
        ch.writeInbound(Unpooled.wrappedBuffer(serverHello(selection("xchacha20-poly1305"))));
        assertThat(app.errors).singleElement(THROWABLE).hasMessage(
                "selected crypto algorithm was not advertised by client: xchacha20-poly1305");
    }

    @Test
    void refusesAMessageBeforeTheServerHello() throws Exception {
        Recorder app = new Recorder();
        EmbeddedChannel ch = client(app, List.of(AeadAlgorithm.AES_256_GCM));
        ch.writeInbound(Unpooled.wrappedBuffer(WireFrames.encodeMessage(LoginResp.success("0.70.0", "r"))));
        assertThat(app.errors).singleElement(THROWABLE).hasMessage(
                "unexpected v2 frame type 16 (Message), expected ServerHello");
        assertThat(app.messages).isEmpty();
    }

    @Test
    void refusesAnotherMessageWhereLoginRespBelongs() throws Exception {
        Recorder app = new Recorder();
        EmbeddedChannel ch = client(app, List.of(AeadAlgorithm.AES_256_GCM));
        ch.writeInbound(Unpooled.wrappedBuffer(concat(serverHello(selection("aes-256-gcm")),
                WireFrames.encodeMessage(io.jfrp.protocol.msg.ReqWorkConn.INSTANCE))));
        assertThat(app.errors).singleElement(THROWABLE).hasMessage(
                "unexpected message REQ_WORK_CONN, expected LOGIN_RESP");
    }
}
