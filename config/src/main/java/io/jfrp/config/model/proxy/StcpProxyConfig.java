package io.jfrp.config.model.proxy;

import io.jfrp.config.model.Fields;

import java.util.List;

/**
 * An stcp proxy: reachable only by stcp visitors that know its secret key, through the server.
 *
 * @param secretKey  the secret visitors must prove
 * @param allowUsers users whose visitors may connect ({@code *} = all); empty = only this client's user
 */
public record StcpProxyConfig(ProxyBase base, String secretKey, List<String> allowUsers) implements ProxyConfig {
    public StcpProxyConfig {
        base = base.requireType(ProxyType.STCP);
        secretKey = Fields.text(secretKey);
        allowUsers = Fields.list(allowUsers);
    }
}
