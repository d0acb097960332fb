package io.jfrp.protocol.wire;

import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static io.jfrp.protocol.testing.ChannelBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both AEADs and HChaCha20 against published test vectors and against independent implementations
 * (Python's cryptography for AES-256-GCM, libsodium for the ChaCha family).
 */
class AeadCipherKnownAnswerTest {
    private static final Random RANDOM = new Random(2026);

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static byte[] range(int from, int count) {
        byte[] b = new byte[count];
        for (int i = 0; i < count; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    private static byte[] seal(AeadAlgorithm a, byte[] key, byte[] nonce, byte[] aad, byte[] pt) {
        byte[] out = new byte[pt.length + 16];
        assertThat(a.newCipher(key).seal(nonce, aad, pt, 0, pt.length, out, 0)).isEqualTo(out.length);
        return out;
    }

    private static byte[] open(AeadAlgorithm a, byte[] key, byte[] nonce, byte[] aad, byte[] ct)
            throws AEADBadTagException {
        byte[] out = new byte[ct.length - 16];
        assertThat(a.newCipher(key).open(nonce, aad, ct, 0, ct.length, out, 0)).isEqualTo(out.length);
        return out;
    }

    @Test
    void hchacha20MatchesTheDraftVector() {
        // draft-irtf-cfrg-xchacha-03, section 2.2.1.
        byte[] key = range(0, 32);
        byte[] nonce = hex("000000090000004a0000000031415927");
        assertThat(HChaCha20.subkey(key, nonce, 0))
                .isEqualTo(hex("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc"));
    }

    @Test
    void xchacha20Poly1305MatchesTheDraftVector() throws AEADBadTagException {
        // draft-irtf-cfrg-xchacha-03, appendix A.3.1.
        byte[] plaintext = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                + " sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
        byte[] aad = hex("50515253c0c1c2c3c4c5c6c7");
        byte[] key = range(0x80, 32);
        byte[] nonce = range(0x40, 24);
        byte[] expected = hex("bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb"
                + "731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452"
                + "2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9"
                + "21f9664c97637da9768812f615c68b13b52e"
                + "c0875924c1c7987947deafd8780acf49");
        assertThat(seal(AeadAlgorithm.XCHACHA20_POLY1305, key, nonce, aad, plaintext)).isEqualTo(expected);
        assertThat(open(AeadAlgorithm.XCHACHA20_POLY1305, key, nonce, aad, expected)).isEqualTo(plaintext);
    }

    @Test
    void hchacha20MatchesLibsodium() {
        WireV2Reference.require();
        for (int i = 0; i < 3; i++) {
            byte[] key = random(32);
            byte[] nonce = random(24);
            assertThat(HChaCha20.subkey(key, nonce, 0)).isEqualTo(WireV2Reference.hchacha20(key,
                    Arrays.copyOf(nonce, 16)));
        }
    }

    @Test
    void bothAeadsMatchTheIndependentImplementations() throws AEADBadTagException {
        WireV2Reference.require();
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            for (int length : new int[] {0, 1, 63, 1000}) {
                byte[] key = random(32);
                byte[] nonce = random(a.nonceLength());
                byte[] aad = random(a.nonceLength() + 4);
                byte[] pt = random(length);
                byte[] ours = seal(a, key, nonce, aad, pt);
                assertThat(ours).as("%s, %d bytes", a, length)
                        .isEqualTo(WireV2Reference.seal(a, key, nonce, aad, pt));
                assertThat(WireV2Reference.open(a, key, nonce, aad, ours)).isEqualTo(pt);
                assertThat(open(a, key, nonce, aad, ours)).isEqualTo(pt);
            }
        }
    }

    @Test
    void anyChangeFailsTheTag() {
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            byte[] key = random(32);
            byte[] nonce = random(a.nonceLength());
            byte[] aad = random(8);
            byte[] ct = seal(a, key, nonce, aad, random(40));
            for (int i : new int[] {0, 20, ct.length - 1}) {
                byte[] bad = ct.clone();
                bad[i] ^= 1;
                assertThatThrownBy(() -> open(a, key, nonce, aad, bad)).as("%s byte %d", a, i)
                        .isInstanceOf(AEADBadTagException.class);
            }
            byte[] otherNonce = nonce.clone();
            otherNonce[otherNonce.length - 1] ^= 1;
            assertThatThrownBy(() -> open(a, key, otherNonce, aad, ct)).isInstanceOf(AEADBadTagException.class);
            byte[] otherPrefix = nonce.clone();
            otherPrefix[0] ^= 1; // for xchacha: another HChaCha20 subkey
            assertThatThrownBy(() -> open(a, key, otherPrefix, aad, ct)).isInstanceOf(AEADBadTagException.class);
            assertThatThrownBy(() -> open(a, key, nonce, random(8), ct)).isInstanceOf(AEADBadTagException.class);
        }
    }

    @Test
    void refusesWrongKeyAndNonceLengths() {
        assertThatThrownBy(() -> AeadAlgorithm.AES_256_GCM.newCipher(new byte[16]))
                .hasMessage("aes-256-gcm needs a 32-byte key, got 16");
        assertThatThrownBy(() -> seal(AeadAlgorithm.XCHACHA20_POLY1305, new byte[32], new byte[12], new byte[0],
                new byte[1])).hasMessage("XChaCha20-Poly1305 needs a 24-byte nonce, got 12");
    }
}
