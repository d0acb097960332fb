package io.jfrp.config.model.proxy;

/**
 * The {@code natTraversal} table of xtcp proxies and visitors (frp's {@code NatTraversalConfig}).
 *
 * @param disableAssistedAddrs use only the addresses STUN discovered, not the local ones
 */
public record NatTraversal(boolean disableAssistedAddrs) {
    /** frp's default. */
    public static final NatTraversal DEFAULT = new NatTraversal(false);
}
