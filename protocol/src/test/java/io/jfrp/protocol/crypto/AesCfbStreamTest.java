package io.jfrp.protocol.crypto;

import io.jfrp.protocol.ExternalTools;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream cipher against {@code openssl enc -aes-128-cfb} (CFB with 128-bit feedback) run in the
 * test, with the frp key of a token, fed in odd chunk sizes.
 */
class AesCfbStreamTest {
    private static final HexFormat HEX = HexFormat.of();
    static final byte[] IV = HEX.parseHex("0f0e0d0c0b0a09080706050403020100");

    /** Odd sizes that cross block boundaries in every phase. */
    static final int[] ODD_CHUNKS = {1, 3, 5, 15, 17, 31, 33, 7, 63, 129, 11, 1, 1, 13};

    static byte[] plaintext(int length) {
        byte[] p = new byte[length];
        new Random(length).nextBytes(p);
        return p;
    }

    static byte[] openssl(CryptoKey key, byte[] iv, byte[] plaintext) {
        ExternalTools.require("openssl", "version");
        return ExternalTools.run(plaintext, "openssl", "enc", "-aes-128-cfb", "-K", HEX.formatHex(key.bytes()),
                "-iv", HEX.formatHex(iv));
    }

    private static byte[] chunked(AesCfbStream stream, byte[] in, int[] chunks) {
        byte[] out = new byte[in.length];
        for (int i = 0, c = 0; i < in.length; c++) {
            int n = Math.min(chunks[c % chunks.length], in.length - i);
            stream.update(in, i, n, out, i);
            i += n;
        }
        return out;
    }

    @Test
    void encryptsLikeOpensslInOddChunks() {
        CryptoKey key = CryptoKey.fromSecret("abc");
        byte[] plain = plaintext(1001);
        byte[] expected = openssl(key, IV, plain);
        assertThat(expected).hasSize(1001);
        assertThat(chunked(AesCfbStream.encryptor(key, IV), plain, ODD_CHUNKS)).isEqualTo(expected);
        assertThat(chunked(AesCfbStream.encryptor(key, IV), plain, new int[] {1001})).isEqualTo(expected);
        assertThat(chunked(AesCfbStream.encryptor(key, IV), plain, new int[] {16, 32, 7, 9})).isEqualTo(expected);
    }

    @Test
    void decryptsOpensslCiphertextInOddChunks() {
        CryptoKey key = CryptoKey.fromSecret("");
        byte[] plain = plaintext(333);
        byte[] ciphertext = openssl(key, IV, plain);
        assertThat(chunked(AesCfbStream.decryptor(key, IV), ciphertext, ODD_CHUNKS)).isEqualTo(plain);
        assertThat(chunked(AesCfbStream.decryptor(key, IV), ciphertext, new int[] {1})).isEqualTo(plain);
    }

    @Test
    void shortStreamsProduceOutputAtOnce() {
        // The JCA cipher would return nothing for these until 16 bytes were in.
        CryptoKey key = CryptoKey.fromSecret("abc");
        byte[] plain = plaintext(5);
        byte[] expected = openssl(key, IV, plain);
        AesCfbStream enc = AesCfbStream.encryptor(key, IV);
        byte[] out = new byte[5];
        enc.update(plain, 0, 5, out, 0);
        assertThat(out).isEqualTo(expected);
    }

    @Test
    void matchesJcaOneShotForRandomChunkings() throws Exception {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            byte[] keyBytes = new byte[16];
            byte[] iv = new byte[16];
            random.nextBytes(keyBytes);
            random.nextBytes(iv);
            CryptoKey key = CryptoKey.fromSecret(keyBytes);
            byte[] plain = new byte[random.nextInt(600)];
            random.nextBytes(plain);
            Cipher jca = Cipher.getInstance("AES/CFB/NoPadding");
            jca.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.bytes(), "AES"), new IvParameterSpec(iv));
            byte[] expected = jca.doFinal(plain);
            int[] chunks = random.ints(8, 1, 40).toArray();
            assertThat(chunked(AesCfbStream.encryptor(key, iv), plain, chunks)).isEqualTo(expected);
            int[] other = random.ints(8, 1, 40).toArray();
            assertThat(chunked(AesCfbStream.decryptor(key, iv), expected, other)).isEqualTo(plain);
        }
    }

    @Test
    void inPlaceUpdateWorks() {
        CryptoKey key = CryptoKey.fromSecret("abc");
        byte[] plain = plaintext(100);
        byte[] buf = plain.clone();
        AesCfbStream.encryptor(key, IV).update(buf, 0, buf.length, buf, 0);
        assertThat(buf).isEqualTo(chunked(AesCfbStream.encryptor(key, IV), plain, new int[] {100}));
        AesCfbStream.decryptor(key, IV).update(buf, 0, buf.length, buf, 0);
        assertThat(buf).isEqualTo(plain);
        assertThat(Arrays.equals(buf, plain)).isTrue();
    }
}
