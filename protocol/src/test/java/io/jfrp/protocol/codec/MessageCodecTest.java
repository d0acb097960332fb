package io.jfrp.protocol.codec;

import io.jfrp.protocol.msg.CloseProxy;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.Ping;
import io.jfrp.protocol.msg.ReqWorkConn;
import io.jfrp.protocol.msg.StartWorkConn;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Type byte, 8-byte big-endian length, body: built by hand from the JSON Go produces. */
    private static byte[] frame(char type, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] f = new byte[9 + body.length];
        f[0] = (byte) type;
        for (int i = 0; i < 8; i++) {
            f[1 + i] = (byte) ((long) body.length >>> (56 - 8 * i));
        }
        System.arraycopy(body, 0, f, 9, body.length);
        return f;
    }

    @Test
    void exactFrameBytes() {
        assertThat(HEX.formatHex(MessageCodec.encode(ReqWorkConn.INSTANCE))).isEqualTo("72" + "0000000000000002" + "7b7d");
        assertThat(HEX.formatHex(MessageCodec.encode(new CloseProxy("ssh"))))
                .isEqualTo("63" + "0000000000000014" + HEX.formatHex("{\"proxy_name\":\"ssh\"}".getBytes(StandardCharsets.US_ASCII)));
        assertThat(MessageCodec.encode(NewWorkConn.of("0123456789abcdef")))
                .isEqualTo(frame('w', "{\"run_id\":\"0123456789abcdef\"}"));
        assertThat(MessageCodec.encode(new StartWorkConn("ssh", "203.0.113.7", "198.51.100.1", 54321, 6000, "")))
                .isEqualTo(frame('s', "{\"proxy_name\":\"ssh\",\"src_addr\":\"203.0.113.7\",\"dst_addr\":\"198.51.100.1\","
                        + "\"src_port\":54321,\"dst_port\":6000}"));
        Login login = Login.builder().version("0.61.1").os("linux").arch("amd64")
                .privilegeKey("22bd6333f840eeeee03ad14f75fd96ac").timestamp(1700000000).poolCount(1).build();
        byte[] loginFrame = MessageCodec.encode(login);
        assertThat(loginFrame).isEqualTo(frame('o', "{\"version\":\"0.61.1\",\"os\":\"linux\",\"arch\":\"amd64\","
                + "\"privilege_key\":\"22bd6333f840eeeee03ad14f75fd96ac\",\"timestamp\":1700000000,"
                + "\"client_spec\":{},\"pool_count\":1}"));
        assertThat(HEX.formatHex(loginFrame, 0, 9)).isEqualTo("6f000000000000009a");
    }

    @Test
    void decodesOneFrame() {
        Message m = MessageCodec.decode(frame('h', "{\"Privilege_Key\":\"k\",\"timestamp\":5,\"extra\":[]}"));
        assertThat(m).isEqualTo(new Ping("k", 5));
    }

    @Test
    void decodeRefusesIncompleteOrExtraBytes() {
        byte[] f = frame('c', "{\"proxy_name\":\"a\"}");
        assertThatThrownBy(() -> MessageCodec.decode(Arrays.copyOf(f, f.length - 1)))
                .isInstanceOfSatisfying(MessageFrameException.class,
                        e -> assertThat(e.reason()).isEqualTo(MessageFrameException.Reason.TRUNCATED));
        assertThatThrownBy(() -> MessageCodec.decode(Arrays.copyOf(f, 5)))
                .isInstanceOfSatisfying(MessageFrameException.class,
                        e -> assertThat(e.reason()).isEqualTo(MessageFrameException.Reason.TRUNCATED));
        assertThatThrownBy(() -> MessageCodec.decode(Arrays.copyOf(f, f.length + 1)))
                .isInstanceOfSatisfying(MessageFrameException.class,
                        e -> assertThat(e.reason()).isEqualTo(MessageFrameException.Reason.TRAILING_BYTES));
    }

    @Test
    void refusesLengthsOutsideTheLimit() {
        byte[] tooLong = Arrays.copyOf(frame('o', ""), 9);
        tooLong[7] = 0x28;
        tooLong[8] = 0x01; // 10241
        assertThatThrownBy(() -> MessageCodec.decode(tooLong)).isInstanceOfSatisfying(MessageFrameException.class, e -> {
            assertThat(e.reason()).isEqualTo(MessageFrameException.Reason.LENGTH_EXCEEDS_LIMIT);
            assertThat(e.length()).isEqualTo(10241);
            assertThat(e.typeByte()).isEqualTo('o');
            assertThat(e.getMessage()).isEqualTo("message type 'o' (0x6f): body length 10241 exceeds the limit of 10240 bytes");
        });
        byte[] negative = frame('o', "");
        negative[1] = (byte) 0x80;
        assertThatThrownBy(() -> MessageCodec.decode(negative)).isInstanceOfSatisfying(MessageFrameException.class, e -> {
            assertThat(e.reason()).isEqualTo(MessageFrameException.Reason.NEGATIVE_LENGTH);
            assertThat(e.length()).isEqualTo(Long.MIN_VALUE);
        });
    }

    @Test
    void refusesUnknownTypeByte() {
        assertThatThrownBy(() -> MessageCodec.decode(frame('z', "{}"))).isInstanceOfSatisfying(MessageFrameException.class, e -> {
            assertThat(e.reason()).isEqualTo(MessageFrameException.Reason.UNKNOWN_TYPE);
            assertThat(e.typeByte()).isEqualTo('z');
            assertThat(e.length()).isEqualTo(-1);
            assertThat(e.getMessage()).isEqualTo("unknown message type 'z' (0x7a)");
        });
        assertThatThrownBy(() -> MessageCodec.decode(new byte[] {(byte) 0x16, 3, 1}))
                .hasMessage("unknown message type 0x16");
    }

    @Test
    void largestBodyIsAcceptedAndOneMoreIsRefusedOnEncode() {
        // {"proxy_name":"xxx..."} with the name sized so the body is exactly 10240 bytes.
        String name = "x".repeat(10240 - "{\"proxy_name\":\"\"}".length());
        byte[] f = MessageCodec.encode(new CloseProxy(name));
        assertThat(f).hasSize(9 + 10240);
        assertThat(MessageCodec.decode(f)).isEqualTo(new CloseProxy(name));
        assertThatThrownBy(() -> MessageCodec.encode(new CloseProxy(name + "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message type 'c' (0x63): body of 10241 bytes exceeds the limit of 10240 bytes that frp peers accept");
    }

    @Test
    void streamsReadAndWriteFrames() throws Exception {
        List<Message> messages = List.of(NewProxy.builder("a", "tcp").remotePort(1).build(), ReqWorkConn.INSTANCE,
                new Ping("", 0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Message m : messages) {
            MessageCodec.write(out, m);
        }
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        for (Message m : messages) {
            assertThat(MessageCodec.read(in)).isEqualTo(m);
        }
        assertThatThrownBy(() -> MessageCodec.read(in)).isInstanceOf(EOFException.class);
        byte[] cut = Arrays.copyOf(out.toByteArray(), 12);
        assertThatThrownBy(() -> MessageCodec.read(new ByteArrayInputStream(cut)))
                .isInstanceOfSatisfying(MessageFrameException.class,
                        e -> assertThat(e.reason()).isEqualTo(MessageFrameException.Reason.TRUNCATED));
    }
}
