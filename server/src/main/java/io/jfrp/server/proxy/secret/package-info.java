/**
 * stcp and sudp proxies on jfrps ({@link io.jfrp.server.proxy.secret.SecretProxy}): no public port,
 * only an entry in {@link io.jfrp.server.proxy.VisitorTargets} that the control's NewVisitorConn
 * handling finds by name.
 *
 * <p>May use: {@code proxy} (core), config's model.
 */
package io.jfrp.server.proxy.secret;
