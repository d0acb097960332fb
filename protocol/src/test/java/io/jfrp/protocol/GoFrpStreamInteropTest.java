package io.jfrp.protocol;

import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.testkit.RequiredTools;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-proxy wrapping (snappy framing, AES-128-CFB, both) against an independent Go peer built
 * from Go's crypto/cipher and Debian's packaged github.com/golang/snappy, the snappy library stock
 * frp uses; see {@code src/test/go/frpstream/main.go}. Data goes both ways: Go-written streams are
 * read by our pipeline (Netty's SnappyFrameDecoder with checksums on), ours are read by Go's
 * reader, which always checks the stream identifier and every CRC.
 *
 * <p>Skipped when Go or the snappy package is missing, except on CI ({@code CI=true}), where that
 * is a failure.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GoFrpStreamInteropTest {
    private static Path peer;

    @BeforeAll
    static void buildPeer() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        Path moduleDir = Files.isRegularFile(cwd.resolve("src/test/go/build.sh")) ? cwd : cwd.resolve("protocol");
        Path logDir = Files.createDirectories(moduleDir.resolve("target/go-frpstream-interop"));
        peer = moduleDir.resolve("target/frpstream");
        Path buildLog = logDir.resolve("build.log");
        Process build = new ProcessBuilder("bash", moduleDir.resolve("src/test/go/build.sh").toString(), peer.toString())
                .directory(moduleDir.toFile()).redirectErrorStream(true).redirectOutput(buildLog.toFile()).start();
        if (!build.waitFor(3, TimeUnit.MINUTES)) {
            build.destroyForcibly();
            Assertions.fail("building the Go frpstream peer took more than 3 minutes; see " + buildLog);
        }
        String output = Files.readString(buildLog).strip();
        if (build.exitValue() == 3) {
            String reason = "Go frpstream peer cannot be built (prerequisite missing): " + output;
            RequiredTools.missing(reason);
        }
        assertThat(build.exitValue()).as("go build failed: %s", output).isZero();
    }

    private static String[] command(String mode, String secret, boolean enc, boolean comp, long seed) {
        return new String[] {peer.toString(), mode, HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)),
            enc ? "1" : "0", comp ? "1" : "0", Long.toString(seed)};
    }

    /** Bytes out of {@code FrpPipelines.addWrapping}, written in pseudo-random sizes. */
    private static byte[] javaWrap(byte[] plain, StreamWrapping wrapping, CryptoKey key, long seed) {
        EmbeddedChannel ch = new EmbeddedChannel();
        FrpPipelines.addWrapping(ch.pipeline(), wrapping, key);
        try {
            Random random = new Random(seed);
            int[] sizes = {1, 5, 17, 1400, 16 * 1024, 40_000, 70_000};
            for (int i = 0; i < plain.length; ) {
                int n = Math.min(plain.length - i, sizes[random.nextInt(sizes.length)]);
                ch.writeOutbound(Unpooled.copiedBuffer(plain, i, n));
                i += n;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
                out.writeBytes(ByteBufUtil.getBytes(b));
                b.release();
            }
            return out.toByteArray();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    /** Plaintext out of our pipeline for a wrapped stream fed in pseudo-random pieces. */
    private static byte[] javaUnwrap(byte[] wire, StreamWrapping wrapping, CryptoKey key, long seed) {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        EmbeddedChannel ch = new EmbeddedChannel(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf b = (ByteBuf) msg;
                plain.writeBytes(ByteBufUtil.getBytes(b));
                b.release();
            }
        });
        FrpPipelines.addWrapping(ch.pipeline(), wrapping, key);
        try {
            Random random = new Random(seed);
            for (int i = 0; i < wire.length; ) {
                int n = Math.min(wire.length - i, 1 + random.nextInt(random.nextBoolean() ? 20 : 30_000));
                ch.writeInbound(Unpooled.copiedBuffer(wire, i, n));
                i += n;
            }
            return plain.toByteArray();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @ParameterizedTest(name = "encryption={0} compression={1} secret=''{2}''")
    @CsvSource({"true, false, ''", "true, false, abc", "false, true, abc", "true, true, ''", "true, true, s3cret-token"})
    void goReadsOurStreamAndWeReadGos(boolean enc, boolean comp, String secret) {
        StreamWrapping wrapping = new StreamWrapping(enc, comp);
        CryptoKey key = CryptoKey.fromSecret(secret);
        byte[] plain = FrpPipelinesTest.payload(700_001);

        byte[] ours = javaWrap(plain, wrapping, key, 1);
        byte[] goRead = ExternalTools.run(ours, command("unwrap", secret, enc, comp, 0));
        assertThat(goRead).as("Go's reading of our stream").isEqualTo(plain);

        byte[] theirs = ExternalTools.run(plain, command("wrap", secret, enc, comp, 2));
        assertThat(javaUnwrap(theirs, wrapping, key, 3)).as("our reading of Go's stream").isEqualTo(plain);

        if (comp && !enc) {
            // Both start with the stream identifier chunk; Go mixes compressed (0x00) and, for
            // incompressible blocks, uncompressed (0x01) chunks, and our decoder took both.
            byte[] identifier = {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'};
            assertThat(ours).startsWith(identifier);
            assertThat(theirs).startsWith(identifier);
            assertThat(chunkTypes(theirs)).contains(0x00, 0x01);
        }
    }

    /** The chunk types of a snappy framing stream, in order. */
    private static java.util.List<Integer> chunkTypes(byte[] stream) {
        java.util.List<Integer> types = new java.util.ArrayList<>();
        for (int i = 0; i + 4 <= stream.length; ) {
            types.add(stream[i] & 0xFF);
            int len = (stream[i + 1] & 0xFF) | (stream[i + 2] & 0xFF) << 8 | (stream[i + 3] & 0xFF) << 16;
            i += 4 + len;
        }
        return types;
    }
}
