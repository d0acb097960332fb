/**
 * frp's JSON form of proxies and visitors: {@link io.jfrp.config.json.ProxyJson} and
 * {@link io.jfrp.config.json.VisitorJson} write the model as frpc's admin API and store file show it
 * (and as frps' dashboard shows a proxy's {@code conf}); {@link io.jfrp.config.json.ConfigJson} reads
 * such JSON back through the same validation as a configuration file.
 */
package io.jfrp.config.json;
