/**
 * The http vhost on vhostHTTPPort, or on bindPort when vhostHTTPPort equals it
 * ({@link io.jfrp.server.vhost.http.SharedPortHttpStep}, in front of frp's transports): the listener ({@link io.jfrp.server.vhost.http.HttpVhost}), its
 * routing table ({@link io.jfrp.server.vhost.http.HttpRouter}) and the serving of each public
 * connection's requests through the routed proxy's work connections (HTTP/1.1 and h2c in, HTTP/1.1 to
 * the service; upgrades and CONNECT become relays).
 *
 * <p>May use: {@code vhost}, {@code proxy}'s core types, config's model, {@code security} (the
 * public side's limits; {@code PendingConnection} for a bindPort connection handed to the vhost).
 */
package io.jfrp.server.vhost.http;
