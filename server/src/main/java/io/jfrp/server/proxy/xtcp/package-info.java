/**
 * xtcp proxies on jfrps ({@link io.jfrp.server.proxy.xtcp.XtcpProxy}): no public port and no relay;
 * the proxy is registered with the server's {@link io.jfrp.nathole.coordinator.NatHoleCoordinator},
 * which hands each punch session's id to the owner over a work connection. The bytes then flow
 * between the two clients directly (docs/xtcp.md).
 *
 * <p>May use: {@code proxy} (core), config's model, nathole's coordinator.
 */
package io.jfrp.server.proxy.xtcp;
