package io.jfrp.nathole.punch;

import io.jfrp.protocol.codec.MessageCodec;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.msg.NatHoleReport;
import io.jfrp.protocol.msg.NatHoleSid;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The probe datagram, byte for byte. The expected datagrams were made independently: the key with
 * Python's {@code hashlib.pbkdf2_hmac('sha1', b'secret', b'frp', 64, 16)}, the ciphertext with
 * {@code openssl enc -aes-128-cfb -K <key> -iv 000102...0f} over the v1 frame.
 */
class ProbeCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] IV = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    private static final NatHoleSid REQUEST = new NatHoleSid("1700000000abcdef0123456789",
            "1700000001fedcba9876543210", false, "000");
    /** '5', int64 96, then the JSON body. */
    private static final String FRAME = "350000000000000060" + HEX.formatHex(
            ("{\"transaction_id\":\"1700000000abcdef0123456789\",\"sid\":\"1700000001fedcba9876543210\","
                    + "\"nonce\":\"000\"}").getBytes());
    private static final String REQUEST_DATAGRAM = "000102030405060708090a0b0c0d0e0f"
            + "810f8df813e99ddb9842f302829392cf00782d57942b87f41bceb4eaed9103e88b1a1612dc33f8447034f3e860fd8664cf71"
            + "d7247f024abf0cbb3508eecb07db336ed4edb5477bdc8b472c616b5c81ccf9ca8aac1abb1c2353b3d42b71a4a7fbab36ad815d"
            + "1a1f7532";
    /** The answer: response true, no nonce. */
    private static final String RESPONSE_DATAGRAM = "000102030405060708090a0b0c0d0e0f"
            + "810f8df813e99ddb9a42f302829392cf204f4d118e1addede00014c8e656ace508d900facaa25baf2756a99b1316dbd0f48aee"
            + "7ce06a5920ae30ba469a64a3b6c11d0abbe5243d1661540dfd46776e8405053c3d32abcfd47462b73b13b5568005d7d2ade00a"
            + "bc6273e0df";

    private final ProbeCodec codec = ProbeCodec.forSecret("secret");

    @Test
    void keyIsPbkdf2OfTheSecretKey() {
        assertThat(HEX.formatHex(CryptoKey.fromSecret("secret").bytes())).isEqualTo("8a69215e54aca50e54f738de611a87f9");
    }

    @Test
    void encodesTheKnownDatagram() {
        assertThat(HEX.formatHex(codec.encode(REQUEST, IV))).isEqualTo(REQUEST_DATAGRAM);
    }

    @Test
    void theCiphertextIsTheV1FrameUnderAesCfb() throws Exception {
        byte[] datagram = HEX.parseHex(REQUEST_DATAGRAM);
        Cipher cfb = Cipher.getInstance("AES/CFB/NoPadding");
        cfb.init(Cipher.DECRYPT_MODE, new SecretKeySpec(CryptoKey.fromSecret("secret").bytes(), "AES"),
                new IvParameterSpec(Arrays.copyOf(datagram, 16)));
        byte[] frame = cfb.doFinal(datagram, 16, datagram.length - 16);
        assertThat(HEX.formatHex(frame)).isEqualTo(FRAME);
    }

    @Test
    void decodesBothKnownDatagrams() throws Exception {
        assertThat(codec.decode(HEX.parseHex(REQUEST_DATAGRAM))).isEqualTo(REQUEST);
        assertThat(codec.decode(HEX.parseHex(RESPONSE_DATAGRAM)))
                .isEqualTo(new NatHoleSid(REQUEST.transactionId(), REQUEST.sid(), true, ""));
    }

    @Test
    void randomIvsRoundTripThroughBuffers() throws Exception {
        ByteBuf a = codec.encode(REQUEST, ByteBufAllocator.DEFAULT);
        ByteBuf b = codec.encode(REQUEST, ByteBufAllocator.DEFAULT);
        try {
            assertThat(a.readableBytes()).isEqualTo(16 + FRAME.length() / 2);
            assertThat(a.slice(0, 16)).isNotEqualTo(b.slice(0, 16));
            assertThat(codec.decode(a)).isEqualTo(REQUEST);
            assertThat(a.readerIndex()).isZero();
        } finally {
            a.release();
            b.release();
        }
    }

    @Test
    void refusesWhatIsNotOurProbeSayingWhy() {
        assertThatThrownBy(() -> codec.decode(new byte[24])).isInstanceOf(ProbeFormatException.class)
                .hasMessage("datagram of 24 bytes is shorter than an IV and a frame header (25)");
        ByteBuf big = Unpooled.wrappedBuffer(new byte[1025]);
        assertThatThrownBy(() -> codec.decode(big)).hasMessage("datagram of 1025 bytes is longer than frp's 1024");
        big.release();
        assertThatThrownBy(() -> ProbeCodec.forSecret("other").decode(HEX.parseHex(REQUEST_DATAGRAM)))
                .hasMessageStartingWith("not a NatHoleSid after decryption: type byte 0x");
        byte[] report = encryptFrame(MessageCodec.encode(new NatHoleReport("s", true)));
        assertThatThrownBy(() -> codec.decode(report)).hasMessageContaining("type byte 0x36");
        byte[] frame = HEX.parseHex(FRAME);
        frame[8] = (byte) 0x70; // declares 112 bytes, 96 follow
        assertThatThrownBy(() -> codec.decode(encryptFrame(frame))).hasMessageStartingWith("bad NatHoleSid frame:");
        byte[] json = HEX.parseHex("35" + "0000000000000002" + HEX.formatHex("[]".getBytes()));
        assertThatThrownBy(() -> codec.decode(encryptFrame(json))).hasMessageStartingWith("bad NatHoleSid frame:");
    }

    private static byte[] encryptFrame(byte[] frame) {
        try {
            Cipher cfb = Cipher.getInstance("AES/CFB/NoPadding");
            cfb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(CryptoKey.fromSecret("secret").bytes(), "AES"),
                    new IvParameterSpec(IV));
            byte[] ct = cfb.doFinal(frame);
            byte[] out = Arrays.copyOf(IV, 16 + ct.length);
            System.arraycopy(ct, 0, out, 16, ct.length);
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
