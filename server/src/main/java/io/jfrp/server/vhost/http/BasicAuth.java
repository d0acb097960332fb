package io.jfrp.server.vhost.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * The user and password of an {@code Authorization: Basic ...} header (RFC 7617), for httpUser /
 * httpPassword checks and routeByHTTPUser. Absent or malformed headers give {@link #NONE}.
 *
 * @param user     the user, empty when none
 * @param password the password, empty when none
 */
record BasicAuth(String user, String password) {
    static final BasicAuth NONE = new BasicAuth("", "");

    static BasicAuth parse(String header) {
        if (header == null) {
            return NONE;
        }
        String h = header.trim();
        if (h.length() < 6 || !h.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
            return NONE;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return NONE;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? NONE : new BasicAuth(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** True when these are exactly {@code user} and {@code password} (compared in constant time). */
    boolean matches(String user, String password) {
        boolean u = MessageDigest.isEqual(this.user.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8));
        boolean p = MessageDigest.isEqual(this.password.getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
        return this != NONE && u & p;
    }
}
