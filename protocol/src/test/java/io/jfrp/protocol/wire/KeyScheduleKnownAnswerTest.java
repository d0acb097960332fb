package io.jfrp.protocol.wire;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;

import static io.jfrp.protocol.testing.ChannelBytes.concat;
import static io.jfrp.protocol.testing.ChannelBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

/** The transcript hash and the HKDF keys, against the byte layout and an independent HKDF. */
class KeyScheduleKnownAnswerTest {
    private static final byte[] CLIENT_HELLO = ("{\"bootstrap\":{\"transport\":\"tcp\",\"tls\":true,\"tcpMux\":true},"
            + "\"capabilities\":{\"message\":{\"codecs\":[\"json\"]},\"crypto\":{\"algorithms\":[\"aes-256-gcm\","
            + "\"xchacha20-poly1305\"],\"clientRandom\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\"}}}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] SERVER_HELLO = ("{\"selected\":{\"message\":{\"codec\":\"json\"},\"crypto\":"
            + "{\"algorithm\":\"aes-256-gcm\",\"serverRandom\":\"ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=\"}}}")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void transcriptHashesTheLabelledLengthPrefixedPayloads() throws Exception {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes("frp wire v2 crypto transcript".getBytes(StandardCharsets.US_ASCII));
        input.writeBytes(concat(hex("00"), "client hello".getBytes(StandardCharsets.US_ASCII), hex("00")));
        input.writeBytes(hex(String.format("%016x", CLIENT_HELLO.length)));
        input.writeBytes(CLIENT_HELLO);
        input.writeBytes(concat(hex("00"), "server hello".getBytes(StandardCharsets.US_ASCII), hex("00")));
        input.writeBytes(hex(String.format("%016x", SERVER_HELLO.length)));
        input.writeBytes(SERVER_HELLO);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(input.toByteArray());
        assertThat(KeySchedule.transcript(CLIENT_HELLO, SERVER_HELLO)).isEqualTo(expected);
        // Order and labels matter.
        assertThat(KeySchedule.transcript(SERVER_HELLO, CLIENT_HELLO)).isNotEqualTo(expected);
    }

    @Test
    void infoStringsAreStockFrps() {
        assertThat(KeySchedule.info(AeadAlgorithm.XCHACHA20_POLY1305, KeySchedule.Direction.SERVER_TO_CLIENT))
                .isEqualTo("frp wire v2 control aead xchacha20-poly1305 server-to-client");
        assertThat(KeySchedule.info(AeadAlgorithm.AES_256_GCM, KeySchedule.Direction.CLIENT_TO_SERVER))
                .isEqualTo("frp wire v2 control aead aes-256-gcm client-to-server");
    }

    @Test
    void keysMatchTheIndependentHkdf() {
        WireV2Reference.require();
        Random random = new Random(5);
        byte[] longHello = new byte[3000];
        random.nextBytes(longHello);
        String[] secrets = {"token", "", "pässwörd 🙂", "x".repeat(100)};
        for (int i = 0; i < secrets.length; i++) {
            byte[] secret = secrets[i].getBytes(StandardCharsets.UTF_8);
            AeadAlgorithm a = AeadAlgorithm.values()[i % 2];
            byte[] sh = i == 3 ? longHello : SERVER_HELLO;
            byte[][] reference = WireV2Reference.keys(secret, a, CLIENT_HELLO, sh);
            ControlKeys ours = KeySchedule.controlKeys(secret, a, CLIENT_HELLO, sh);
            assertThat(KeySchedule.transcript(CLIENT_HELLO, sh)).as("transcript %d", i).isEqualTo(reference[0]);
            assertThat(ours.clientToServer()).as("c2s %d", i).isEqualTo(reference[1]);
            assertThat(ours.serverToClient()).as("s2c %d", i).isEqualTo(reference[2]);
            assertThat(ours.clientToServer()).isNotEqualTo(ours.serverToClient());
        }
    }

    @Test
    void rolesReadWhatTheOtherWrites() {
        ControlKeys keys = KeySchedule.controlKeys(new byte[0], AeadAlgorithm.AES_256_GCM, CLIENT_HELLO, SERVER_HELLO);
        assertThat(keys.writeKey(WireRole.CLIENT)).isEqualTo(keys.readKey(WireRole.SERVER)).isEqualTo(keys.clientToServer());
        assertThat(keys.writeKey(WireRole.SERVER)).isEqualTo(keys.readKey(WireRole.CLIENT)).isEqualTo(keys.serverToClient());
        // Either random changes the keys.
        byte[] other = SERVER_HELLO.clone();
        other[other.length - 10] ^= 1;
        assertThat(KeySchedule.controlKeys(new byte[0], AeadAlgorithm.AES_256_GCM, CLIENT_HELLO, other).clientToServer())
                .isNotEqualTo(keys.clientToServer());
    }
}
