/**
 * http proxies: routes on the http vhost ({@code vhost.http}) for their domains and locations.
 *
 * <p>May use: {@code proxy}, {@code vhost}, {@code vhost.http}.
 */
package io.jfrp.server.proxy.http;
