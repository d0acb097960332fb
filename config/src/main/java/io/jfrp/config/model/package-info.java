/**
 * What the programs run with: {@link io.jfrp.config.model.ServerConfig} for jfrps and
 * {@link io.jfrp.config.model.ClientConfig} for jfrpc, typed records made once from a validated
 * configuration file, and the proxies and visitors in {@code proxy} and {@code visitor}. The
 * programs and their tests use only these; nothing here knows files or Typesafe Config.
 *
 * <p>May use: protocol (AuthScope, NewProxy), mux (YamuxConfig).
 */
package io.jfrp.config.model;
