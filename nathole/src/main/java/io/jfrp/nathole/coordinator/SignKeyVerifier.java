package io.jfrp.nathole.coordinator;

import io.jfrp.protocol.auth.AuthKeys;

/**
 * Checks a NatHoleVisitor's {@code sign_key} against the proxy's secret key. The default is stock
 * frps' check, {@code sign_key == hex(MD5(sk + timestamp))} in constant time, without freshness;
 * jfrps may pass one that also checks the timestamp, as it does for stcp visitors.
 */
@FunctionalInterface
public interface SignKeyVerifier {
    /** Stock frps' check. */
    SignKeyVerifier STOCK = (signKey, timestamp, secretKey) ->
            AuthKeys.keysEqual(AuthKeys.signKey(secretKey, timestamp), signKey);

    /** Whether {@code signKey} proves knowledge of {@code secretKey} at {@code timestamp}. */
    boolean verify(String signKey, long timestamp, String secretKey);
}
