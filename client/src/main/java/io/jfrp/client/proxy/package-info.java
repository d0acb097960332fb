/**
 * jfrpc's side of its proxies: the {@link io.jfrp.config.model.proxy.ProxyTypeRegistry} keyed by
 * {@code ProxyType} (built in {@code FrpClient}, one line per type), the
 * {@link io.jfrp.client.proxy.ClientProxy} contract, and one package per type or family
 * ({@code stream} for tcp, http, https, tcpmux and stcp, which share the stream relay; {@code udp} for
 * udp and sudp, whose work connections carry UDPPacket messages).
 *
 * <h3>Adding a type</h3>
 * Its record in config, a package here with its {@code ClientProxy}, one {@code add(ProxyType.X, ...)}
 * line in {@code FrpClient}'s registry.
 *
 * <p>May use: protocol (relay), config's model. Never {@code control} or {@code transport}.
 */
package io.jfrp.client.proxy;
