package io.jfrp.nathole.coordinator;

/**
 * How the coordinator reaches an xtcp proxy's owner with a new session id: jfrps takes a work
 * connection from the owner's pool (or asks for one), writes StartWorkConn{proxy_name} and
 * NatHoleSid{sid} on it, framed per the owner's wire protocol, and closes it (frp's
 * {@code XTCPProxy.Run} loop). Called without the coordinator's lock, on the thread that handled
 * the NatHoleVisitor; it should not block.
 */
@FunctionalInterface
public interface SidDelivery {
    /**
     * Starts the delivery of {@code sid}.
     *
     * @throws RuntimeException when it cannot even start (the proxy is closing): the visitor then
     *                          gets an error response at once instead of waiting for the timeout
     */
    void deliver(String sid);
}
