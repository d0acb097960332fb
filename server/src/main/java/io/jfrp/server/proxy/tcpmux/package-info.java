/**
 * tcpmux proxies ({@code httpconnect}): routes by CONNECT target on tcpmuxHTTPConnectPort
 * ({@code vhost.TunnelVhosts}).
 *
 * <p>May use: {@code proxy}, {@code vhost}.
 */
package io.jfrp.server.proxy.tcpmux;
