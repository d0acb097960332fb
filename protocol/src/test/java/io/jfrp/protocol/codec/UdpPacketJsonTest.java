package io.jfrp.protocol.codec;

import io.jfrp.protocol.msg.MessageType;
import io.jfrp.protocol.msg.UdpAddr;
import io.jfrp.protocol.msg.UdpPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-place UDPPacket codec against the general one ({@link RecordJson} and {@link GoJsonEscapes},
 * whose bytes {@code MessageJsonTest} pins to Go's): the same bytes written, the same packet read,
 * and every body it declines still read (or refused) by the general path exactly as before.
 */
class UdpPacketJsonTest {
    private static final List<UdpAddr> ADDRS = Arrays.asList(null, new UdpAddr("127.0.0.1", 53, ""),
            new UdpAddr("2001:db8::1", 65535, ""), new UdpAddr("fe80::1", 0, "eth0"), new UdpAddr("", 0, ""),
            new UdpAddr("10.0.0.1", 123456789, "7"));

    private static String general(UdpPacket packet) {
        return new String(GoJsonEscapes.apply(RecordJson.write(packet)), StandardCharsets.UTF_8);
    }

    private static String inPlace(UdpPacket packet) {
        ByteBuf out = Unpooled.buffer();
        assertThat(UdpPacketJson.write(packet, out)).as("written in place: %s", packet).isTrue();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<UdpPacket> packets() {
        Random random = new Random(16);
        List<UdpPacket> packets = new ArrayList<>();
        for (int length : new int[] {0, 1, 2, 3, 4, 5, 64, 1199, 1200, 1472, 1500}) {
            byte[] content = new byte[length];
            random.nextBytes(content);
            for (UdpAddr local : ADDRS) {
                for (UdpAddr remote : ADDRS) {
                    packets.add(new UdpPacket(content, local, remote));
                }
            }
        }
        return packets;
    }

    @Test
    void writesTheGeneralPathsBytes() {
        for (UdpPacket packet : packets()) {
            assertThat(inPlace(packet)).isEqualTo(general(packet));
            assertThat(new String(MessageJson.write(packet), StandardCharsets.UTF_8)).isEqualTo(general(packet));
        }
    }

    @Test
    void writesGosBytes() {
        // Go's encoding/json on frp's msg.UDPPacket (see MessageJsonTest) for the same values.
        UdpPacket packet = new UdpPacket("hello".getBytes(StandardCharsets.US_ASCII),
                new UdpAddr("127.0.0.1", 53, ""), new UdpAddr("2001:db8::1", 5353, ""));
        assertThat(inPlace(packet)).isEqualTo("{\"c\":\"aGVsbG8=\",\"l\":{\"IP\":\"127.0.0.1\",\"Port\":53,"
                + "\"Zone\":\"\"},\"r\":{\"IP\":\"2001:db8::1\",\"Port\":5353,\"Zone\":\"\"}}");
        assertThat(inPlace(new UdpPacket(new byte[0], null, null))).isEqualTo("{}");
        assertThat(inPlace(new UdpPacket(new byte[0], null, new UdpAddr("::1", 9, ""))))
                .isEqualTo("{\"r\":{\"IP\":\"::1\",\"Port\":9,\"Zone\":\"\"}}");
    }

    @Test
    void leavesAddressesThatNeedEscapesToTheGeneralPath() {
        for (String odd : List.of("a\"b", "a\\b", "<", ">", "&", "\u2028", "é", "\t")) {
            UdpPacket packet = new UdpPacket(new byte[] {1}, null, new UdpAddr("1.2.3.4", 1, odd));
            ByteBuf out = Unpooled.buffer();
            assertThat(UdpPacketJson.write(packet, out)).isFalse();
            assertThat(out.readableBytes()).isZero();
            assertThat(new String(MessageJson.write(packet), StandardCharsets.UTF_8)).isEqualTo(general(packet));
            byte[] body = MessageJson.write(packet);
            assertThat(MessageJson.read(MessageType.UDP_PACKET, body, 0, body.length)).isEqualTo(packet);
        }
    }

    @Test
    void readsWhatItWrites() {
        for (UdpPacket packet : packets()) {
            byte[] body = general(packet).getBytes(StandardCharsets.UTF_8);
            assertThat(UdpPacketJson.read(Unpooled.wrappedBuffer(body))).isEqualTo(packet);
        }
    }

    @Test
    void declinesOtherFormsWhichTheGeneralPathReadsAsBefore() {
        List<String> others = List.of(
                "{ \"c\":\"aGVsbG8=\"}",
                "{\"C\":\"aGVsbG8=\"}",
                "{\"c\":\"aGVsbG8\"}",
                "{\"c\":\"aGVsbG8=\",\"x\":1}",
                "{\"r\":{\"IP\":\"::1\",\"Port\":9,\"Zone\":\"\"},\"c\":\"aGVsbG8=\"}",
                "{\"c\":\"aGVsbG8=\",\"r\":{\"ip\":\"::1\",\"port\":9,\"zone\":\"\"}}",
                "{\"c\":\"aGVsbG8=\",\"r\":{\"IP\":\"::1\",\"Port\":09,\"Zone\":\"\"}}",
                "{\"c\":\"aGVsbG8=\",\"r\":{\"IP\":\"::1\",\"Port\":1234567890,\"Zone\":\"\"}}",
                "{\"c\":\"aGVsbG8=\",\"r\":{\"IP\":\"::1\",\"Port\":-1,\"Zone\":\"\"}}",
                "{\"c\":\"aGVsbG8=\",\"r\":{\"IP\":\"\\u003a:1\",\"Port\":9,\"Zone\":\"\"}}",
                "{\"c\":\"aGVsbG8=\"} ",
                "{\"c\":\"aGVsbG8=\"}{}",
                "{\"c\":\"aGVs\\nbG8=\"}",
                "{\"c\":\"aGVsbG8=\",\"c\":\"aGVsbG8=\"}",
                "{\"c\":null}",
                "{\"c\":[1,2]}",
                "null",
                "");
        for (String json : others) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            assertThat(UdpPacketJson.read(Unpooled.wrappedBuffer(body))).as(json).isNull();
            assertThat(outcome(() -> MessageJson.read(MessageType.UDP_PACKET, body, 0, body.length)))
                    .as(json).isEqualTo(outcome(() -> generalRead(body)));
        }
    }

    /** Single-byte changes of written bodies: read in place or not, the outcome is the general path's. */
    @Test
    void mutatedBodiesReadAsTheGeneralPathReadsThem() {
        Random random = new Random(1616);
        List<UdpPacket> packets = packets();
        byte[] alphabet = "{}[]\":,0123456789-=+/aAcClLrRIPZ \\nu".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 20_000; i++) {
            byte[] body = general(packets.get(random.nextInt(packets.size()))).getBytes(StandardCharsets.UTF_8);
            if (body.length == 0) {
                continue;
            }
            int at = random.nextInt(body.length);
            switch (random.nextInt(3)) {
                case 0 -> body[at] = alphabet[random.nextInt(alphabet.length)];
                case 1 -> body = Arrays.copyOf(body, at);
                default -> {
                    byte[] longer = new byte[body.length + 1];
                    System.arraycopy(body, 0, longer, 0, at);
                    longer[at] = alphabet[random.nextInt(alphabet.length)];
                    System.arraycopy(body, at, longer, at + 1, body.length - at);
                    body = longer;
                }
            }
            byte[] b = body;
            assertThat(outcome(() -> MessageCodec.decodeBody(MessageType.UDP_PACKET, Unpooled.wrappedBuffer(b))))
                    .as(new String(b, StandardCharsets.UTF_8)).isEqualTo(outcome(() -> generalRead(b)));
        }
    }

    private static Object generalRead(byte[] body) throws Exception {
        Object packet = RecordJson.read(UdpPacket.class, body, 0, body.length);
        if (packet == null) {
            throw new IllegalStateException("null body");
        }
        return packet;
    }

    private interface Read {
        Object read() throws Exception;
    }

    /** The packet read, or "refused" (the general path's exceptions differ in kind by path, not in verdict). */
    private static Object outcome(Read read) {
        try {
            return read.read();
        } catch (Exception e) {
            return "refused";
        }
    }
}
