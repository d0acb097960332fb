/**
 * What the programs run with: {@link io.jfrp.config.model.ServerConfig} for jfrps and
 * {@link io.jfrp.config.model.ClientConfig} for jfrpc, typed records made once from a validated
 * configuration file, and the proxies and visitors in {@code proxy} and {@code visitor}. The
 * programs and their tests use only these; nothing here knows files or Typesafe Config. How the
 * programs reach each other beyond TLS and tcpMux: {@link io.jfrp.config.model.ClientTransportConfig}
 * ({@link io.jfrp.config.model.TransportProtocol}, the wire protocol, {@link io.jfrp.config.model.ProxyUrl})
 * and {@link io.jfrp.config.model.ServerTransportConfig} (kcpBindPort, quicBindPort), both with
 * {@link io.jfrp.config.model.QuicOptions}.
 *
 * <p>May use: protocol (AuthScope, NewProxy, WireProtocol), mux (YamuxConfig).
 */
package io.jfrp.config.model;
