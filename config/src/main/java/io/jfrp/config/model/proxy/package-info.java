/**
 * The model of a proxy, one record per frp proxy type ({@link io.jfrp.config.model.proxy.ProxyType})
 * over a shared {@link io.jfrp.config.model.proxy.ProxyBase}, as frp's {@code pkg/config/v1/proxy.go}.
 * Made once from the configuration file (jfrpc) or from a NewProxy (jfrps), through
 * {@link io.jfrp.config.model.proxy.ProxyBuilder}; mapped to and from NewProxy in
 * {@link io.jfrp.config.model.proxy.ProxyMessages} only.
 *
 * <p>May use: the protocol module's messages. Knows nothing of files, Typesafe Config or Netty.
 */
package io.jfrp.config.model.proxy;
