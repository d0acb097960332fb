/**
 * The stream proxies (tcp, http, https, tcpmux): a public connection routed by the server reaches the
 * local service over a relay of bytes. May use: {@code proxy}, protocol's relay.
 */
package io.jfrp.client.proxy.stream;
