package io.jfrp.protocol.wire;

import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.codec.MessageCodec;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.MessageType;
import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.ReqWorkConn;
import io.jfrp.protocol.msg.StartWorkConn;
import io.jfrp.protocol.msg.UdpAddr;
import io.jfrp.protocol.msg.UdpPacket;
import io.jfrp.protocol.testing.ChannelBytes;
import io.jfrp.testkit.EmbeddedChannels;
import io.jfrp.protocol.testing.Recorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static io.jfrp.protocol.testing.ChannelBytes.concat;
import static io.jfrp.protocol.testing.ChannelBytes.deliver;
import static io.jfrp.protocol.testing.ChannelBytes.hex;
import static io.jfrp.protocol.testing.ChannelBytes.outbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both ends of v2 connections assembled with {@link WirePipelines}, as EmbeddedChannels standing for
 * frpc and frps: what goes on the wire, the switch to the AEAD, and the work-connection switches
 * that {@link FrpPipelines} makes on v2 framing.
 */
class WirePipelinesTest {
    private static final String TOKEN = "s3cret";
    private static final CryptoKey V1_KEY = CryptoKey.fromSecret(TOKEN);
    private static final ServerWireSettings SERVER = ServerWireSettings.forToken(TOKEN, "0.70.0");
    @RegisterExtension
    final WireChannels channels = new WireChannels();

    private EmbeddedChannel channel() {
        return channels.of();
    }

    /** The application of a server that answers Login like frps: LoginResp, switch, then two ReqWorkConn at once. */
    private static Recorder frps() {
        return new Recorder((ctx, m) -> {
            if (m instanceof Login) {
                ctx.writeAndFlush(LoginResp.success("0.70.0", "run1"));
                WirePipelines.encryptControlStream(ctx.pipeline(), WireRole.SERVER, V1_KEY);
                ctx.write(ReqWorkConn.INSTANCE);
                ctx.writeAndFlush(ReqWorkConn.INSTANCE);
            } else if (m instanceof NewProxy p) {
                ctx.writeAndFlush(new NewProxyResp(p.proxyName(), ":6000", ""));
            }
        });
    }

    private static Recorder frpc() {
        return new Recorder((ctx, m) -> {
            if (m instanceof LoginResp) {
                WirePipelines.encryptControlStream(ctx.pipeline(), WireRole.CLIENT, V1_KEY);
                ctx.writeAndFlush(NewProxy.builder("ssh", "tcp").remotePort(6000).build());
            }
        });
    }

    private EmbeddedChannel client(Recorder app, WireProtocol protocol, ClientWireSettings settings) {
        EmbeddedChannel ch = channels.withApp(p -> WirePipelines.addClientControlCodec(p, protocol, settings), app);
        ch.writeAndFlush(Login.builder().version("0.70.0").poolCount(1).build());
        return ch;
    }

    /** A v2 work connection of frpc that has written NewWorkConn for run1 and waits for StartWorkConn. */
    private EmbeddedChannel workClient(Recorder app) {
        EmbeddedChannel ch = channels.withApp(p -> WirePipelines.addClientConnectionCodec(p, WireProtocol.V2,
                Set.of(MessageType.START_WORK_CONN)), app);
        ch.writeAndFlush(NewWorkConn.of("run1"));
        return ch;
    }

    /**
     * The server's end of a work connection: on NewWorkConn it writes {@code start}, switches its layers
     * and writes {@code first} through them.
     */
    private static Recorder onNewWorkConn(StartWorkConn start, Consumer<ChannelPipeline> switchLayers, Object first) {
        return new Recorder((ctx, m) -> {
            if (m instanceof NewWorkConn) {
                ctx.writeAndFlush(start);
                switchLayers.accept(ctx.pipeline());
                ctx.writeAndFlush(first);
            }
        });
    }

    /** The client's end of a work connection: on StartWorkConn, {@code switchLayers} on its pipeline. */
    private static Recorder onStartWorkConn(Consumer<ChannelPipeline> switchLayers) {
        return new Recorder((ctx, m) -> {
            if (m instanceof StartWorkConn) {
                switchLayers.accept(ctx.pipeline());
            }
        });
    }

    private static ClientWireSettings clientSettings(List<AeadAlgorithm> offered) {
        return ClientWireSettings.forToken(TOKEN, "tcp", true, true).withAlgorithms(offered);
    }

    @Test
    void clientWritesMagicClientHelloAndLoginWithoutWaiting() {
        EmbeddedChannel client = client(frpc(), WireProtocol.V2, clientSettings(AeadAlgorithm.preferredOrder()));
        ByteBuf wire = Unpooled.wrappedBuffer(outbound(client));
        assertThat(ChannelBytes.hex(bytes(wire, 7))).isEqualTo("46525000020d0a");
        assertThat(ChannelBytes.hex(bytes(wire, 4))).isEqualTo("00010000");
        byte[] clientHello = bytes(wire, wire.readInt());
        ClientHello hello = HelloJson.readClientHello(clientHello);
        assertThat(new String(clientHello, StandardCharsets.UTF_8)).startsWith(
                "{\"bootstrap\":{\"transport\":\"tcp\",\"tls\":true,\"tcpMux\":true},\"capabilities\":{\"message\":"
                        + "{\"codecs\":[\"json\"]},\"crypto\":{\"algorithms\":[\"aes-256-gcm\",\"xchacha20-poly1305\"],"
                        + "\"clientRandom\":\"");
        assertThat(hello.capabilities().crypto().clientRandom().bytes()).hasSize(32);
        assertThat(ChannelBytes.hex(bytes(wire, 4))).isEqualTo("00100000");
        byte[] login = bytes(wire, wire.readInt());
        assertThat(login).startsWith(hex("0001"));
        assertThat(wire.isReadable()).isFalse();
        wire.release();
    }

    private static byte[] bytes(ByteBuf b, int n) {
        byte[] out = new byte[n];
        b.readBytes(out);
        return out;
    }

    @Test
    void controlStreamSwitchesToTheAeadAfterLoginResp() {
        for (List<AeadAlgorithm> offered : List.of(List.of(AeadAlgorithm.AES_256_GCM, AeadAlgorithm.XCHACHA20_POLY1305),
                List.of(AeadAlgorithm.XCHACHA20_POLY1305, AeadAlgorithm.AES_256_GCM))) {
            for (int[] sizes : new int[][] {{Integer.MAX_VALUE}, {1}, {5, 9}, {60, 7}}) {
                Recorder serverApp = frps();
                Recorder clientApp = frpc();
                EmbeddedChannel server = channels.server(serverApp, SERVER);
                EmbeddedChannel client = client(clientApp, WireProtocol.V2, clientSettings(offered));
                byte[] clientFirst = outbound(client);
                deliver(clientFirst, server, sizes);
                assertThat(serverApp.messages).hasSize(1).first().isInstanceOf(Login.class);
                assertThat(WireProtocol.of(server)).isEqualTo(WireProtocol.V2);

                // On the wire: ServerHello, LoginResp in the clear, then N0 and records.
                byte[] serverWire = outbound(server);
                ByteBuf w = Unpooled.wrappedBuffer(serverWire);
                assertThat(w.readInt()).isEqualTo(0x00020000);
                byte[] serverHello = bytes(w, w.readInt());
                assertThat(HelloJson.readServerHello(serverHello).selected().crypto().algorithm())
                        .isEqualTo(offered.get(0).wireName());
                byte[] loginResp = WireFrames.encodeMessage(LoginResp.success("0.70.0", "run1"));
                assertThat(bytes(w, loginResp.length)).isEqualTo(loginResp);
                byte[] encrypted = bytes(w, w.readableBytes());
                w.release();

                // Decrypt independently of the handlers: keys from the exact payloads, records by hand.
                byte[] clientHello = clientHello(clientFirst);
                ControlKeys keys = KeySchedule.controlKeys(TOKEN.getBytes(StandardCharsets.UTF_8), offered.get(0),
                        clientHello, serverHello);
                byte[] reqWorkConn = hex("00 10 00 00 00 00 00 04 00 07 7B 7D");
                assertThat(openRecords(offered.get(0), keys.serverToClient(), encrypted))
                        .isEqualTo(concat(reqWorkConn, reqWorkConn));

                deliver(serverWire, client, sizes);
                assertThat(clientApp.messages).containsExactly(LoginResp.success("0.70.0", "run1"), ReqWorkConn.INSTANCE,
                        ReqWorkConn.INSTANCE);
                deliver(outbound(client), server, sizes);
                deliver(outbound(server), client, sizes);
                assertThat(serverApp.messages).last().isEqualTo(NewProxy.builder("ssh", "tcp").remotePort(6000).build());
                assertThat(clientApp.messages).last().isEqualTo(new NewProxyResp("ssh", ":6000", ""));
                assertThat(server.pipeline().names()).startsWith(WirePipelines.AEAD_DECODER, FrpPipelines.FRAME_DECODER,
                        WirePipelines.AEAD_ENCODER, FrpPipelines.FRAME_ENCODER, "app");
                assertThat(client.pipeline().names()).startsWith(WirePipelines.AEAD_DECODER, FrpPipelines.FRAME_DECODER,
                        WirePipelines.AEAD_ENCODER, FrpPipelines.FRAME_ENCODER, "app");
                assertThat(ControlKeys.negotiatedOn(server)).as("keys taken off the channel").isNull();
                assertThat(ControlKeys.negotiatedOn(client)).isNull();
                assertThat(serverApp.errors).isEmpty();
                assertThat(clientApp.errors).isEmpty();
            }
        }
    }

    private static byte[] clientHello(byte[] clientFirst) {
        ByteBuf b = Unpooled.wrappedBuffer(clientFirst);
        b.skipBytes(7 + 4);
        byte[] payload = bytes(b, b.readInt());
        b.release();
        return payload;
    }

    /** Opens a record stream with nothing but the cipher: N0, then u32 L and L bytes, nonce N0 + i. */
    static byte[] openRecords(AeadAlgorithm a, byte[] key, byte[] stream) {
        ByteBuf in = Unpooled.wrappedBuffer(stream);
        byte[] n0 = bytes(in, a.nonceLength());
        java.math.BigInteger nonce = new java.math.BigInteger(1, n0);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        AeadCipher cipher = a.newCipher(key);
        while (in.isReadable()) {
            byte[] length = bytes(in, 4);
            byte[] ct = bytes(in, Unpooled.wrappedBuffer(length).readInt());
            byte[] nonceBytes = nonce.toByteArray();
            byte[] fixed = new byte[a.nonceLength()];
            int from = Math.max(0, nonceBytes.length - fixed.length);
            System.arraycopy(nonceBytes, from, fixed, fixed.length - (nonceBytes.length - from), nonceBytes.length - from);
            byte[] pt = new byte[ct.length - 16];
            try {
                cipher.open(fixed, concat(n0, length), ct, 0, ct.length, pt, 0);
            } catch (javax.crypto.AEADBadTagException e) {
                throw new AssertionError(e);
            }
            out.writeBytes(pt);
            nonce = nonce.add(java.math.BigInteger.ONE);
        }
        in.release();
        return out.toByteArray();
    }

    @Test
    void v1ClientsStillGetV1() {
        Recorder serverApp = frps();
        Recorder clientApp = frpc();
        EmbeddedChannel server = channels.server(serverApp, SERVER);
        EmbeddedChannel client = client(clientApp, WireProtocol.V1, null);
        byte[] first = outbound(client);
        assertThat(first[0]).isEqualTo((byte) 'o');
        deliver(first, server, 1);
        assertThat(WireProtocol.of(server)).isEqualTo(WireProtocol.V1);
        byte[] serverWire = outbound(server);
        byte[] loginResp = MessageCodec.encode(LoginResp.success("0.70.0", "run1"));
        assertThat(Arrays.copyOf(serverWire, loginResp.length)).isEqualTo(loginResp);
        deliver(serverWire, client, 3);
        deliver(outbound(client), server, 3);
        deliver(outbound(server), client, 3);
        assertThat(clientApp.messages).containsExactly(LoginResp.success("0.70.0", "run1"), ReqWorkConn.INSTANCE,
                ReqWorkConn.INSTANCE, new NewProxyResp("ssh", ":6000", ""));
        assertThat(server.pipeline().names()).startsWith(FrpPipelines.CRYPTO_DECODER, FrpPipelines.FRAME_DECODER);
    }

    @Test
    void workConnectionSendsMagicAndNewWorkConnThenRelaysRawBytes() {
        Recorder serverApp = onNewWorkConn(new StartWorkConn("ssh", "203.0.113.7", "198.51.100.1", 54321, 6000, ""),
                p -> FrpPipelines.startRelay(p, StreamWrapping.NONE, null), Unpooled.wrappedBuffer(hex("c0ffee")));
        EmbeddedChannel server = channels.server(serverApp, SERVER);
        Recorder clientApp = onStartWorkConn(p -> FrpPipelines.startRelay(p, StreamWrapping.NONE, null));
        EmbeddedChannel client = workClient(clientApp);
        byte[] first = outbound(client);
        assertThat(first).isEqualTo(concat(WireFrames.magic(), WireFrames.encodeMessage(NewWorkConn.of("run1"))));
        assertThat(client.pipeline().get(WirePipelines.MAGIC)).isNull();

        deliver(concat(first, hex("0102")), server, 2);
        assertThat(serverApp.messages).containsExactly(NewWorkConn.of("run1"));
        assertThat(serverApp.bytes.toByteArray()).isEqualTo(hex("0102"));
        byte[] serverWire = outbound(server);
        assertThat(serverWire).isEqualTo(concat(WireFrames.encodeMessage(
                new StartWorkConn("ssh", "203.0.113.7", "198.51.100.1", 54321, 6000, "")), hex("c0ffee")));
        deliver(serverWire, client, 1);
        assertThat(clientApp.bytes.toByteArray()).isEqualTo(hex("c0ffee"));
        assertThat(server.pipeline().get(FrpPipelines.FRAME_DECODER)).isNull();
        assertThat(client.pipeline().get(FrpPipelines.FRAME_DECODER)).isNull();

        assertThat(WireProtocol.of(client)).isEqualTo(WireProtocol.V2);
        WireProtocol.forget(client); // what a relaying work connection does: no attribute kept
        assertThat(client.hasAttr(WireProtocol.ATTRIBUTE)).isFalse();
        assertThat(WireProtocol.of(client)).isNull();
    }

    @Test
    void magicGoesFirstAlsoWhenTheConnectionBecomesActiveLater() throws Exception {
        // tcpMux off: the handlers go in before the connection is up; the work handler writes
        // NewWorkConn on channelActive, which the magic writer sees first.
        EmbeddedChannel ch = channels.track(new EmbeddedChannel(false, false));
        WirePipelines.addClientConnectionCodec(ch.pipeline(), WireProtocol.V2, Set.of(MessageType.START_WORK_CONN));
        ch.pipeline().addLast("work", new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(io.netty.channel.ChannelHandlerContext ctx) {
                ctx.writeAndFlush(NewWorkConn.of("run1"));
            }
        });
        assertThat(outbound(ch)).isEmpty();
        ch.register();
        assertThat(outbound(ch)).isEqualTo(concat(WireFrames.magic(), WireFrames.encodeMessage(NewWorkConn.of("run1"))));
        assertThat(ch.pipeline().get(WirePipelines.MAGIC)).isNull();
    }

    @Test
    void udpWorkConnectionKeepsV2FramingInsideTheProxyWrapping() {
        UdpPacket packet = new UdpPacket(hex("deadbeef"), null, new UdpAddr("192.0.2.1", 5353, ""));
        Recorder serverApp = onNewWorkConn(new StartWorkConn("dns", "", "", 0, 0, ""),
                p -> FrpPipelines.wrapBelowFraming(p, StreamWrapping.ENCRYPTION, V1_KEY), packet);
        EmbeddedChannel server = channels.server(serverApp, SERVER);
        Recorder clientApp = onStartWorkConn(p -> FrpPipelines.wrapBelowFraming(p, StreamWrapping.ENCRYPTION, V1_KEY));
        EmbeddedChannel client = workClient(clientApp);
        deliver(outbound(client), server, 4);
        deliver(outbound(server), client, 5);
        assertThat(clientApp.messages).containsExactly(new StartWorkConn("dns", "", "", 0, 0, ""), packet);
        assertThat(client.pipeline().get(FrpPipelines.FRAME_DECODER)).isInstanceOf(WireFrameDecoder.class);
        client.writeAndFlush(packet);
        deliver(outbound(client), server, 1);
        assertThat(serverApp.messages).containsExactly(NewWorkConn.of("run1"), packet);
    }

    @Test
    void encryptControlStreamNeedsNegotiatedKeys() {
        EmbeddedChannel ch = channel();
        WirePipelines.addClientConnectionCodec(ch.pipeline(), WireProtocol.V2, Set.of());
        assertThatThrownBy(() -> WirePipelines.encryptControlStream(ch.pipeline(), WireRole.CLIENT, V1_KEY))
                .isInstanceOf(IllegalStateException.class).hasMessage("missing v2 crypto negotiation");
        EmbeddedChannel none = channel();
        assertThatThrownBy(() -> WirePipelines.encryptControlStream(none.pipeline(), WireRole.SERVER, V1_KEY))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("no wire protocol set up");
        // A pipeline set up the v1 way before wire v2 existed is v1.
        EmbeddedChannel v1 = channel();
        FrpPipelines.addMessageCodec(v1.pipeline());
        WirePipelines.encryptControlStream(v1.pipeline(), WireRole.SERVER, V1_KEY);
        assertThat(v1.pipeline().get(FrpPipelines.CRYPTO_DECODER)).isNotNull();
    }
}
