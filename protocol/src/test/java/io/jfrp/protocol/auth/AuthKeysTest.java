package io.jfrp.protocol.auth;

import io.jfrp.protocol.ExternalTools;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys against {@code openssl dgst -md5} and python3's hashlib, run in the test. */
class AuthKeysTest {

    private static String openssl(String input) {
        ExternalTools.require("openssl", "version");
        String out = new String(ExternalTools.run(input.getBytes(StandardCharsets.UTF_8), "openssl", "dgst", "-md5", "-r"),
                StandardCharsets.US_ASCII);
        return out.substring(0, 32);
    }

    private static String python(String input) {
        ExternalTools.require("python3", "-c", "import hashlib");
        return ExternalTools.runText(ExternalTools.python("import hashlib,sys; print(hashlib.md5(bytes.fromhex(sys.argv[1])).hexdigest())",
                HexFormat.of().formatHex(input.getBytes(StandardCharsets.UTF_8)))).strip();
    }

    @Test
    void privilegeKeyIsMd5OfTokenAndDecimalSeconds() {
        assertThat(AuthKeys.privilegeKey("abc", 1700000000L)).isEqualTo(openssl("abc1700000000"))
                .isEqualTo(python("abc1700000000")).isEqualTo("22bd6333f840eeeee03ad14f75fd96ac");
        assertThat(AuthKeys.privilegeKey("", 1700000000L)).isEqualTo(openssl("1700000000"));
        assertThat(AuthKeys.privilegeKey("tök€n", 1L)).isEqualTo(openssl("tök€n1")).isEqualTo(python("tök€n1"));
        assertThat(AuthKeys.privilegeKey("t", -5L)).isEqualTo(openssl("t-5"));
        assertThat(AuthKeys.signKey("secret", 1712345678L)).isEqualTo(openssl("secret1712345678"));
    }

    @Test
    void keysCompareByContent() {
        String k = AuthKeys.privilegeKey("abc", 1);
        assertThat(AuthKeys.keysEqual(k, new String(k.toCharArray()))).isTrue();
        assertThat(AuthKeys.keysEqual(k, k.toUpperCase())).isFalse();
        assertThat(AuthKeys.keysEqual(k, k.substring(1))).isFalse();
        assertThat(AuthKeys.keysEqual(k, "")).isFalse();
        assertThat(AuthKeys.keysEqual("", "")).isTrue();
    }
}
