package io.jfrp.client.plugin;

import io.netty.handler.codec.http.HttpHeaders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * HTTP basic authentication as frp's plugins check it: required only when a user or a password is
 * configured; user and password compared in constant time.
 *
 * @param user     the configured user
 * @param password the configured password
 */
public record BasicAuth(String user, String password) {
    /** How long a wrong answer waits before it is refused (frp: 200 ms), which slows guessing. */
    public static final long FAILURE_DELAY_MILLIS = 200;

    /** Whether credentials are asked for at all. */
    public boolean required() {
        return !user.isEmpty() || !password.isEmpty();
    }

    /** Whether {@code header} (Authorization or Proxy-Authorization) of {@code headers} passes. */
    public boolean accepts(HttpHeaders headers, CharSequence header) {
        if (!required()) {
            return true;
        }
        String value = headers.get(header);
        if (value == null) {
            return false;
        }
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Basic")) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(space + 1).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        return matches(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** Whether {@code givenUser} and {@code givenPassword} are the configured ones (constant time). */
    public boolean matches(String givenUser, String givenPassword) {
        boolean userOk = equal(givenUser, user);
        boolean passwordOk = equal(givenPassword, password);
        return userOk & passwordOk;
    }

    /** Whether the header carried credentials at all (a wrong answer is delayed, a missing one is not). */
    public static boolean present(HttpHeaders headers, CharSequence header) {
        return headers.contains(header);
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
