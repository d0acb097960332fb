/**
 * Makes the model of a validated configuration: {@link io.jfrp.config.bind.ServerConfigReader},
 * {@link io.jfrp.config.bind.ClientConfigReader} and {@link io.jfrp.config.bind.ProxyConfigReader}
 * apply frp's derived values (defaults that depend on other keys) and nothing else: the values have
 * been checked already.
 *
 * <p>May use: {@code model}, {@code schema.Values}, mux (YamuxConfig). Never {@code validate} or
 * {@code read}.
 */
package io.jfrp.config.bind;
