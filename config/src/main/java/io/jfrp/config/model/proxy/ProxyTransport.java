package io.jfrp.config.model.proxy;

import io.jfrp.config.model.Fields;
import io.jfrp.protocol.limit.BandwidthLimit;

/**
 * A proxy's {@code transport} table (frp's {@code ProxyTransport}): how its work connections are
 * wrapped and limited.
 *
 * @param useEncryption        AES-128-CFB on work connections
 * @param useCompression       snappy framing on work connections
 * @param bandwidthLimit       e.g. {@code 1MB}; empty = no limit
 * @param bandwidthLimitMode   {@code client} (frp's default) or {@code server}: where the limit applies
 * @param proxyProtocolVersion {@code v1}, {@code v2}, or empty: the PROXY protocol header sent to the
 *                             local service
 */
public record ProxyTransport(boolean useEncryption, boolean useCompression, String bandwidthLimit,
                             String bandwidthLimitMode, String proxyProtocolVersion) {
    /** frp's defaults: plain, no limit, limit mode client, no PROXY protocol. */
    public static final ProxyTransport DEFAULT = new ProxyTransport(false, false, "", "client", "");

    /**
     * @throws IllegalArgumentException when {@code bandwidthLimit} is not frp's notation (a proxy asked
     *                                  for with such a limit is refused, not run without one)
     */
    public ProxyTransport {
        bandwidthLimit = Fields.text(bandwidthLimit);
        BandwidthLimit.parse(bandwidthLimit);
        bandwidthLimitMode = bandwidthLimitMode == null || bandwidthLimitMode.isEmpty() ? "client" : bandwidthLimitMode;
        proxyProtocolVersion = Fields.text(proxyProtocolVersion);
    }
}
