package io.jfrp.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Checks an {@code Authorization: Basic ...} header against the configured user and password the
 * way frp does: no credentials configured lets everything through; otherwise user and password must
 * both match, compared in constant time ({@link MessageDigest#isEqual}, which does not stop at the
 * first differing byte) so response timing does not reveal how much of a guess was right.
 *
 * <p>Parsing follows Go's {@code Request.BasicAuth}: the scheme is case-insensitive, the rest is
 * standard base64 of {@code user:password}, split at the first colon.
 */
public final class BasicAuthenticator {
    private final byte[] user;
    private final byte[] password;
    private final boolean open;

    public BasicAuthenticator(String user, String password) {
        this.user = user.getBytes(StandardCharsets.UTF_8);
        this.password = password.getBytes(StandardCharsets.UTF_8);
        this.open = user.isEmpty() && password.isEmpty();
    }

    /** Whether requests need no credentials. */
    public boolean open() {
        return open;
    }

    /** Whether {@code authorization} (the header's value, possibly null) carries the right credentials. */
    public boolean allows(String authorization) {
        if (open) {
            return true;
        }
        if (authorization == null || authorization.length() < 6
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(6));
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = indexOf(decoded, (byte) ':');
        if (colon < 0) {
            return false;
        }
        byte[] givenUser = java.util.Arrays.copyOfRange(decoded, 0, colon);
        byte[] givenPassword = java.util.Arrays.copyOfRange(decoded, colon + 1, decoded.length);
        // Both compared every time: '&' not '&&', so a wrong user costs as long as a wrong password.
        return MessageDigest.isEqual(givenUser, user) & MessageDigest.isEqual(givenPassword, password);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
