package io.jfrp.protocol.auth;

import io.jfrp.protocol.crypto.Digests;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The key computations of frp's token authentication (frp's {@code util.GetAuthKey}) and a
 * constant-time comparison. A key is the lowercase hex MD5 of the secret's UTF-8 bytes followed by
 * the decimal timestamp: {@code md5("abc" + "1700000000")}.
 */
public final class AuthKeys {
    private AuthKeys() {
    }

    /** The {@code privilege_key} of Login, Ping and NewWorkConn: {@code hex(MD5(token + timestamp))}. */
    public static String privilegeKey(String token, long timestamp) {
        return md5Hex(token, timestamp);
    }

    /** The {@code sign_key} of visitor messages: {@code hex(MD5(secretKey + timestamp))}. */
    public static String signKey(String secretKey, long timestamp) {
        return md5Hex(secretKey, timestamp);
    }

    /**
     * Whether two keys are equal, in time that does not depend on where they differ (frp's
     * {@code ConstantTimeEqString}). Keys of different lengths are unequal.
     */
    public static boolean keysEqual(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    private static String md5Hex(String secret, long timestamp) {
        MessageDigest md5 = Digests.required("MD5");
        md5.update(secret.getBytes(StandardCharsets.UTF_8));
        md5.update(Long.toString(timestamp).getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(md5.digest());
    }
}
