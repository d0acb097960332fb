package io.jfrp.server.vhost.tcpmux;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * A user and password from a {@code Basic} authorization header (RFC 7617), as sent in
 * {@code Proxy-Authorization} by HTTP clients that go through a proxy.
 *
 * @param user     the user name (may be empty)
 * @param password the password (may be empty)
 */
public record BasicCredentials(String user, String password) {
    /** No credentials: what a request without a (readable) header carries. */
    public static final BasicCredentials NONE = new BasicCredentials("", "");

    /**
     * The credentials in {@code header}, or {@link #NONE} when it is absent, not {@code Basic}, not
     * base64 or has no colon: as frp, a header it cannot read counts as no credentials.
     */
    public static BasicCredentials parse(String header) {
        String prefix = "basic ";
        if (header == null || header.length() < prefix.length()
                || !header.substring(0, prefix.length()).toLowerCase(Locale.ROOT).equals(prefix)) {
            return NONE;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(prefix.length()).trim());
        } catch (IllegalArgumentException e) {
            return NONE;
        }
        String text = new String(decoded, StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        return colon < 0 ? NONE : new BasicCredentials(text.substring(0, colon), text.substring(colon + 1));
    }

    /** Whether these are {@code user}/{@code password}, compared in constant time. */
    public boolean matches(String user, String password) {
        // Both compared always, so the time does not tell which one was wrong.
        boolean u = MessageDigest.isEqual(this.user.getBytes(StandardCharsets.UTF_8),
                user.getBytes(StandardCharsets.UTF_8));
        boolean p = MessageDigest.isEqual(this.password.getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
        return u & p;
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + ", password=***]";
    }
}
