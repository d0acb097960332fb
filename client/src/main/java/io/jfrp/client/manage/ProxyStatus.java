package io.jfrp.client.manage;

import io.jfrp.config.model.proxy.ProxyConfig;

/**
 * One proxy's state at a moment (frp's {@code WorkingStatus}).
 *
 * @param config     the proxy as configured (its name without the user prefix)
 * @param phase      where it stands with the server
 * @param error      the server's refusal while {@link ProxyPhase#START_ERROR}, else ""
 * @param remoteAddr the server's {@code remote_addr} from its last answer (":6000", "web.example.com:80")
 * @param fromStore  it comes from the store ({@code store.path}) rather than the configuration file
 */
public record ProxyStatus(ProxyConfig config, ProxyPhase phase, String error, String remoteAddr, boolean fromStore) {
}
