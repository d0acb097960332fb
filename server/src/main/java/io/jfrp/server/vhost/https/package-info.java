/**
 * Routing a TLS connection by the server name of its ClientHello, without terminating TLS
 * ({@link io.jfrp.server.vhost.https.SniRouter}).
 */
package io.jfrp.server.vhost.https;
