package io.jfrp.protocol;

import io.jfrp.protocol.codec.MessageCodec;
import io.jfrp.protocol.crypto.AesCfbStream;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.protocol.msg.ReqWorkConn;
import io.jfrp.protocol.msg.StartWorkConn;
import io.jfrp.protocol.msg.UdpAddr;
import io.jfrp.protocol.msg.UdpPacket;
import io.jfrp.testkit.EmbeddedChannels;
import io.jfrp.protocol.testing.Recorder;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;

import static io.jfrp.protocol.testing.ChannelBytes.concat;
import static io.jfrp.protocol.testing.ChannelBytes.deliver;
import static io.jfrp.protocol.testing.ChannelBytes.outbound;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Layer switches at frp's switch points, between two EmbeddedChannels standing for frpc and frps,
 * with the bytes of the old and the new layer arriving in one buffer (as they do from stock frps).
 */
class FrpPipelinesTest {
    private static final CryptoKey TOKEN_KEY = CryptoKey.fromSecret("token");
    @RegisterExtension
    final EmbeddedChannels channels = new EmbeddedChannels();
    private final List<Recorder> apps = new ArrayList<>();

    @AfterEach
    void noErrorReachedTheApplications() {
        assertThat(apps).allSatisfy(app -> assertThat(app.errors).isEmpty());
    }

    /** The application end of a channel; {@code onMessage} answers what it receives. */
    private Recorder app(BiConsumer<ChannelHandlerContext, Message> onMessage) {
        Recorder app = new Recorder(onMessage);
        apps.add(app);
        return app;
    }

    private EmbeddedChannel channel(Recorder recorder) {
        return channels.withApp(FrpPipelines::addMessageCodec, recorder);
    }

    @Test
    void controlStreamSwitchesToEncryptionAfterLogin() {
        for (int[] sizes : new int[][] {{Integer.MAX_VALUE}, {1}, {60, 7}, {3, 200}}) {
            Recorder serverApp = app((ctx, m) -> {
                if (m instanceof Login) {
                    // Stock frps: write LoginResp in the clear, then everything encrypted.
                    ctx.writeAndFlush(LoginResp.success("0.61.1", "run1"));
                    FrpPipelines.encryptControlStream(ctx.pipeline(), TOKEN_KEY);
                    ctx.write(ReqWorkConn.INSTANCE);
                    ctx.writeAndFlush(ReqWorkConn.INSTANCE);
                } else if (m instanceof NewProxy p) {
                    ctx.writeAndFlush(new NewProxyResp(p.proxyName(), ":6000", ""));
                }
            });
            Recorder clientApp = app((ctx, m) -> {
                if (m instanceof LoginResp) {
                    FrpPipelines.encryptControlStream(ctx.pipeline(), TOKEN_KEY);
                    ctx.writeAndFlush(NewProxy.builder("ssh", "tcp").remotePort(6000).build());
                }
            });
            EmbeddedChannel server = channel(serverApp);
            EmbeddedChannel client = channel(clientApp);

            client.writeAndFlush(Login.builder().version("0.61.1").poolCount(2).build());
            deliver(outbound(client), server, sizes);
            byte[] serverWire = outbound(server);
            // On the wire: the plain LoginResp frame, then the IV and the encrypted ReqWorkConns.
            byte[] loginResp = MessageCodec.encode(LoginResp.success("0.61.1", "run1"));
            assertThat(Arrays.copyOf(serverWire, loginResp.length)).isEqualTo(loginResp);
            byte[] encrypted = Arrays.copyOfRange(serverWire, loginResp.length, serverWire.length);
            assertThat(decrypt(encrypted)).isEqualTo(concat(MessageCodec.encode(ReqWorkConn.INSTANCE),
                    MessageCodec.encode(ReqWorkConn.INSTANCE)));

            deliver(serverWire, client, sizes);
            assertThat(clientApp.messages).containsExactly(LoginResp.success("0.61.1", "run1"), ReqWorkConn.INSTANCE,
                    ReqWorkConn.INSTANCE);
            deliver(outbound(client), server, sizes);
            deliver(outbound(server), client, sizes);
            assertThat(serverApp.messages).hasSize(2).last().isEqualTo(NewProxy.builder("ssh", "tcp").remotePort(6000).build());
            assertThat(clientApp.messages).last().isEqualTo(new NewProxyResp("ssh", ":6000", ""));
            // Inbound: decrypt, then deframe; outbound: frame, then encrypt.
            assertThat(server.pipeline().names()).startsWith(FrpPipelines.CRYPTO_DECODER, FrpPipelines.FRAME_DECODER,
                    FrpPipelines.CRYPTO_ENCODER, FrpPipelines.FRAME_ENCODER, "app");
        }
    }

    @Test
    void workConnectionRelaysCompressedThenEncryptedBytes() {
        StreamWrapping wrapping = new StreamWrapping(true, true);
        StartWorkConn start = new StartWorkConn("ssh", "203.0.113.7", "198.51.100.1", 54321, 6000, "");
        byte[] fromUser = payload(300_000);
        byte[] fromService = payload(123_457);
        Recorder serverApp = app((ctx, m) -> { });
        Recorder clientApp = app((ctx, m) -> {
            if (m instanceof StartWorkConn) {
                FrpPipelines.startRelay(ctx.pipeline(), wrapping, TOKEN_KEY);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(fromService));
            }
        });
        EmbeddedChannel server = channel(serverApp);
        EmbeddedChannel client = channel(clientApp);

        // frps writes StartWorkConn and, right behind it, the user's first bytes.
        server.write(start);
        FrpPipelines.startRelay(server.pipeline(), wrapping, TOKEN_KEY);
        server.writeAndFlush(Unpooled.wrappedBuffer(fromUser, 0, 1000));
        server.writeAndFlush(Unpooled.wrappedBuffer(fromUser, 1000, fromUser.length - 1000));
        byte[] serverWire = outbound(server);

        byte[] startFrame = MessageCodec.encode(start);
        assertThat(Arrays.copyOf(serverWire, startFrame.length)).isEqualTo(startFrame);
        byte[] wrapped = decrypt(Arrays.copyOfRange(serverWire, startFrame.length, serverWire.length));
        // Decrypted, the stream is snappy framing: it starts with the stream identifier chunk.
        assertThat(Arrays.copyOf(wrapped, 10)).isEqualTo(new byte[] {
            (byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'});
        assertThat(wrapped.length).isLessThan(fromUser.length);

        deliver(serverWire, client, startFrame.length + 7, 1500, 65536);
        assertThat(clientApp.messages).containsExactly(start);
        assertThat(clientApp.bytes.toByteArray()).isEqualTo(fromUser);
        assertThat(client.pipeline().names()).startsWith(FrpPipelines.CRYPTO_DECODER, FrpPipelines.SNAPPY_LIMITER,
                FrpPipelines.SNAPPY_DECODER, FrpPipelines.CRYPTO_ENCODER, FrpPipelines.SNAPPY_ENCODER, "app");

        deliver(outbound(client), server, 999);
        assertThat(serverApp.bytes.toByteArray()).isEqualTo(fromService);
    }

    @Test
    void relayWithoutWrappingHandsBufferedBytesOn() {
        Recorder clientApp = app((ctx, m) -> FrpPipelines.startRelay(ctx.pipeline(), StreamWrapping.NONE, null));
        EmbeddedChannel client = channel(clientApp);
        StartWorkConn start = new StartWorkConn("ssh", "", "", 0, 0, "");
        byte[] wire = concat(MessageCodec.encode(start), "SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
        client.writeInbound(Unpooled.wrappedBuffer(wire));
        client.writeInbound(Unpooled.wrappedBuffer(new byte[] {'x'}));
        assertThat(clientApp.messages).containsExactly(start);
        assertThat(clientApp.bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("SSH-2.0-OpenSSH_9.2\r\nx");
        assertThat(client.pipeline().names()).startsWith("app");
    }

    @Test
    void compressionOnlyRelay() {
        StreamWrapping wrapping = new StreamWrapping(false, true);
        Recorder clientApp = app((ctx, m) -> FrpPipelines.startRelay(ctx.pipeline(), wrapping, null));
        EmbeddedChannel client = channel(clientApp);
        EmbeddedChannel server = channel(app((ctx, m) -> { }));
        StartWorkConn start = new StartWorkConn("web", "", "", 0, 0, "");
        byte[] data = payload(100_000);
        server.write(start);
        FrpPipelines.startRelay(server.pipeline(), wrapping, null);
        server.writeAndFlush(Unpooled.wrappedBuffer(data));
        deliver(outbound(server), client, 5000);
        assertThat(clientApp.bytes.toByteArray()).isEqualTo(data);
    }

    @Test
    void udpWorkConnectionKeepsMessagesInsideTheWrapping() {
        StreamWrapping wrapping = new StreamWrapping(true, true);
        List<Message> packets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            packets.add(new UdpPacket(payload(1 + i * 50), null, new UdpAddr("192.0.2." + i, 1000 + i, "")));
        }
        Recorder clientApp = app((ctx, m) -> {
            if (m instanceof StartWorkConn) {
                FrpPipelines.wrapBelowFraming(ctx.pipeline(), wrapping, TOKEN_KEY);
            }
        });
        EmbeddedChannel client = channel(clientApp);
        EmbeddedChannel server = channel(app((ctx, m) -> { }));
        StartWorkConn start = new StartWorkConn("dns", "", "", 0, 0, "");
        server.write(start);
        FrpPipelines.wrapBelowFraming(server.pipeline(), wrapping, TOKEN_KEY);
        packets.forEach(server::write);
        server.flush();
        deliver(outbound(server), client, Integer.MAX_VALUE);
        assertThat(clientApp.messages.subList(1, clientApp.messages.size())).isEqualTo(packets);
    }

    @Test
    void addWrappingFromTheFirstByte() {
        StreamWrapping wrapping = new StreamWrapping(true, true);
        CryptoKey visitorKey = CryptoKey.fromSecret("sk");
        Recorder aApp = app((ctx, m) -> { });
        Recorder bApp = app((ctx, m) -> { });
        EmbeddedChannel a = channels.of(aApp);
        EmbeddedChannel b = channels.of(bApp);
        FrpPipelines.addWrapping(a.pipeline(), wrapping, visitorKey);
        FrpPipelines.addWrapping(b.pipeline(), wrapping, visitorKey);
        byte[] data = payload(50_000);
        a.writeAndFlush(Unpooled.wrappedBuffer(data));
        deliver(outbound(a), b, 777);
        assertThat(bApp.bytes.toByteArray()).isEqualTo(data);
    }

    /** Half text (compressible), half random (not), so snappy writes both chunk kinds. */
    static byte[] payload(int length) {
        byte[] p = new byte[length];
        Random random = new Random(length);
        byte[] text = "frp relays bytes between the user and the service; ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < length; i++) {
            p[i] = (i / 4096) % 2 == 0 ? text[i % text.length] : (byte) random.nextInt();
        }
        return p;
    }

    private static byte[] decrypt(byte[] ivAndCiphertext) {
        byte[] iv = Arrays.copyOf(ivAndCiphertext, 16);
        byte[] c = Arrays.copyOfRange(ivAndCiphertext, 16, ivAndCiphertext.length);
        AesCfbStream.decryptor(TOKEN_KEY, iv).update(c, 0, c.length, c, 0);
        return c;
    }
}
