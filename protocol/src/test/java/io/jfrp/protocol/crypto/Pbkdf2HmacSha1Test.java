package io.jfrp.protocol.crypto;

import io.jfrp.protocol.ExternalTools;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known answers for the key derivation, from independent sources computed in the test: python3's
 * {@code hashlib.pbkdf2_hmac} and {@code openssl kdf}, plus the published vectors of RFC 6070.
 */
class Pbkdf2HmacSha1Test {
    private static final HexFormat HEX = HexFormat.of();
    private static final String PYTHON_FRP_KEY =
            "import hashlib,sys; print(hashlib.pbkdf2_hmac('sha1', bytes.fromhex(sys.argv[1]), b'frp', 64, 16).hex())";

    private static String ours(byte[] secret) {
        return HEX.formatHex(CryptoKey.fromSecret(secret).bytes());
    }

    private static String python(byte[] secret) {
        ExternalTools.require("python3", "-c", "import hashlib");
        return ExternalTools.runText(ExternalTools.python(PYTHON_FRP_KEY, HEX.formatHex(secret))).strip();
    }

    private static String openssl(byte[] secret) {
        ExternalTools.require("openssl", "version");
        String out = ExternalTools.runText("openssl", "kdf", "-keylen", "16", "-kdfopt", "digest:SHA1",
                "-kdfopt", "hexpass:" + HEX.formatHex(secret), "-kdfopt", "salt:frp", "-kdfopt", "iter:64", "PBKDF2");
        return HEX.formatHex(ExternalTools.hex(out));
    }

    @Test
    void emptyTokenMatchesPythonAndOpenssl() {
        byte[] empty = new byte[0];
        String key = ours(empty);
        assertThat(key).isEqualTo(python(empty)).isEqualTo(openssl(empty));
        // The value itself, so a change of tools cannot hide a change of ours.
        assertThat(key).isEqualTo("cdc9dc4c472c37331281df4c232a8407");
    }

    @Test
    void nonEmptyTokensMatchPythonAndOpenssl() {
        for (String token : new String[] {"abc", "a-much-longer-token-than-the-sha1-block-size-of-sixty-four-bytes-0123456789",
            "päss wörd \uD83D\uDD11"}) {
            byte[] secret = token.getBytes(StandardCharsets.UTF_8);
            assertThat(ours(secret)).as(token).isEqualTo(python(secret)).isEqualTo(openssl(secret));
        }
        assertThat(HEX.formatHex(CryptoKey.fromSecret("abc").bytes())).isEqualTo("62e5ed67fdd04e5f1f71d779ceb9667f");
    }

    @Test
    void rfc6070Vectors() {
        byte[] password = "password".getBytes(StandardCharsets.US_ASCII);
        byte[] salt = "salt".getBytes(StandardCharsets.US_ASCII);
        assertThat(HEX.formatHex(Pbkdf2HmacSha1.derive(password, salt, 1, 20)))
                .isEqualTo("0c60c80f961f0e71f3a9b524af6012062fe037a6");
        assertThat(HEX.formatHex(Pbkdf2HmacSha1.derive(password, salt, 2, 20)))
                .isEqualTo("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
        assertThat(HEX.formatHex(Pbkdf2HmacSha1.derive(password, salt, 4096, 20)))
                .isEqualTo("4b007901b765489abead49d926f721d065a429c1");
        assertThat(HEX.formatHex(Pbkdf2HmacSha1.derive("passwordPASSWORDpassword".getBytes(StandardCharsets.US_ASCII),
                "saltSALTsaltSALTsaltSALTsaltSALTsalt".getBytes(StandardCharsets.US_ASCII), 4096, 25)))
                .isEqualTo("3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038");
        assertThat(HEX.formatHex(Pbkdf2HmacSha1.derive("pass\0word".getBytes(StandardCharsets.US_ASCII),
                "sa\0lt".getBytes(StandardCharsets.US_ASCII), 4096, 16)))
                .isEqualTo("56fa6aa75548099dcc37d7f03425e0c3");
    }

    @Test
    void agreesWithTheJcaWhereTheJcaWorks() throws Exception {
        SecretKeyFactory jca = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1");
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            char[] password = new char[1 + random.nextInt(90)];
            for (int k = 0; k < password.length; k++) {
                password[k] = (char) (0x21 + random.nextInt(94));
            }
            byte[] salt = new byte[1 + random.nextInt(20)]; // the JCA refuses an empty salt
            random.nextBytes(salt);
            int iterations = 1 + random.nextInt(100);
            int length = 1 + random.nextInt(50);
            byte[] expected = jca.generateSecret(new PBEKeySpec(password, salt, iterations, length * 8)).getEncoded();
            assertThat(Pbkdf2HmacSha1.derive(new String(password).getBytes(StandardCharsets.US_ASCII), salt, iterations, length))
                    .isEqualTo(expected);
        }
    }
}
