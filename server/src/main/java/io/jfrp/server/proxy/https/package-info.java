/**
 * https proxies: routes by server name on vhostHTTPSPort ({@code vhost.TunnelVhosts}).
 *
 * <p>May use: {@code proxy}, {@code vhost}.
 */
package io.jfrp.server.proxy.https;
