package io.jfrp.protocol.auth;

import io.jfrp.protocol.msg.NewVisitorConn;

import java.time.Clock;
import java.time.Duration;

/**
 * Visitor authentication for stcp/sudp/xtcp, independent of the server's auth method: the visitor
 * proves it knows the proxy's secret key with {@code sign_key = hex(MD5(sk + timestamp))}. Checked
 * in constant time and, unlike stock frps, for freshness (zero window: stock behaviour).
 *
 * <p>Immutable and thread-safe.
 */
public final class VisitorAuthenticator {
    private final TimedKeyCheck keyCheck;

    /**
     * @param freshnessWindow largest accepted distance between a timestamp and now; zero disables
     * @param clock           the time source
     */
    public VisitorAuthenticator(Duration freshnessWindow, Clock clock) {
        this.keyCheck = new TimedKeyCheck(freshnessWindow, clock);
    }

    /** {@code visitorConn} stamped with the current time and its sign key, as frpc's visitor sends it. */
    public NewVisitorConn sign(NewVisitorConn visitorConn, String secretKey) {
        long now = keyCheck.nowSeconds();
        return visitorConn.withAuth(AuthKeys.signKey(secretKey, now), now);
    }

    /** Verifies a visitor's sign key against the visited proxy's secret key ({@code sk}). */
    public void verify(NewVisitorConn visitorConn, String secretKey) throws AuthenticationException {
        String proxy = "visitor connection of [" + visitorConn.proxyName() + "]";
        keyCheck.check(visitorConn.signKey(), visitorConn.timestamp(), secretKey, proxy,
                proxy + " auth failed", "register visitor conn error");
    }
}
