/**
 * Bandwidth limits (frp's {@code transport.bandwidthLimit}): {@link io.jfrp.protocol.limit.BandwidthLimit}
 * reads frp's notation, {@link io.jfrp.protocol.limit.TokenBucket} is a proxy's bucket (one per
 * proxy, shared by both directions and all its connections, as frp's), and
 * {@link io.jfrp.protocol.limit.BandwidthLimitHandler} holds a channel to it through backpressure.
 * In frp's client mode jfrpc puts the handler on the raw work connection (under encryption); in server
 * mode jfrps puts it on the plaintext side. May use: Netty, {@code relay}'s ReadGate.
 */
package io.jfrp.protocol.limit;
