/**
 * frp's configuration schema: every key of frps.toml and frpc.toml, one class per scope
 * ({@code ServerKeys}, {@code ClientKeys}, {@code ProxyKeys}, {@code VisitorKeys}, {@code SharedKeys}),
 * published through {@link io.jfrp.config.schema.FrpSchema}; with each key's type, frp's default and
 * whether jfrp implements it ({@link io.jfrp.config.schema.Support}). Also how frp's values read
 * ({@link io.jfrp.config.schema.Values}, {@link io.jfrp.config.schema.PortRangesReader}).
 *
 * <p>May use: {@code model.proxy.ProxyType} and {@code model.visitor.VisitorType}, the one list of types.
 */
package io.jfrp.config.schema;
