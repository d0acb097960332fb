package io.jfrp.server.proxy;

import io.jfrp.protocol.crypto.CryptoKey;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The stcp and sudp proxies visitors can reach, by wire name (frp's visitor {@code Manager}): a
 * visitor's NewVisitorConn names one, proves its secret key and is admitted by its allow list, then
 * its connection is served like a public connection of that proxy. Thread-safe.
 */
public final class VisitorTargets {
    private final ConcurrentMap<String, Target> byName = new ConcurrentHashMap<>();

    /**
     * One proxy open to visitors.
     *
     * @param proxyName  its wire name ({@code user.name})
     * @param proxyType  "stcp" or "sudp", for log lines
     * @param secretKey  the sk visitors sign with; also the key of the visitor hop's encryption
     * @param allowUsers users whose visitors may connect: the proxy's allowUsers, or its owner's user
     *                   when that list is empty; {@code *} admits everyone
     * @param bridge     the way to the owner's work connections
     * @param visitorKey the encryption key derived from {@code secretKey}
     */
    public record Target(String proxyName, String proxyType, String secretKey, List<String> allowUsers,
                         WorkConnBridge bridge, CryptoKey visitorKey) {
        public Target {
            Objects.requireNonNull(proxyName, "proxyName");
            allowUsers = List.copyOf(allowUsers);
            Objects.requireNonNull(bridge, "bridge");
        }

        /** A target whose visitor key is derived from {@code secretKey}. */
        public Target(String proxyName, String proxyType, String secretKey, List<String> allowUsers,
                      WorkConnBridge bridge) {
            this(proxyName, proxyType, secretKey, allowUsers, bridge, CryptoKey.fromSecret(secretKey));
        }

        /** Whether visitors of {@code user} (their client's Login user) may connect. */
        public boolean admits(String user) {
            return allowUsers.contains(user) || allowUsers.contains("*");
        }
    }

    /** Opens {@code target} to visitors; null, or the error for NewProxyResp when its name is taken. */
    public String register(Target target) {
        if (byName.putIfAbsent(target.proxyName(), target) != null) {
            return "custom listener for [" + target.proxyName() + "] is repeated";
        }
        return null;
    }

    /** Closes {@code target} to visitors (if it is still the one registered under its name). */
    public void unregister(Target target) {
        byName.remove(target.proxyName(), target);
    }

    /** The target named {@code proxyName}, or null. */
    public Target find(String proxyName) {
        return byName.get(proxyName);
    }
}
