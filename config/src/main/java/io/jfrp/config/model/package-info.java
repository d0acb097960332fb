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
 * <p>The withers and builders of {@code ServerConfig}, {@code ClientConfig}, {@code SecurityConfig}
 * and {@code VhostConfig} are generated at compile time from their {@code @RecordBuilder}
 * annotation (record-builder; source-only, nothing of it at run time): {@code withX(v)} for each
 * component, {@code with(b -> b.x(..).y(..))} for several, and {@code ServerConfigBuilder} and the
 * like. Each record's compact constructor still applies its defaults and checks to every copy.
 *
 * <p>May use: protocol (AuthScope, NewProxy, WireProtocol), mux (YamuxConfig).
 */
package io.jfrp.config.model;
