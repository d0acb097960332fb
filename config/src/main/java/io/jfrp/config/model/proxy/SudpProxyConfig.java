package io.jfrp.config.model.proxy;

import io.jfrp.config.model.Fields;

import java.util.List;

/**
 * An sudp proxy: reachable only by sudp visitors that know its secret key, through the server.
 *
 * @param secretKey  the secret visitors must prove
 * @param allowUsers users whose visitors may connect ({@code *} = all); empty = only this client's user
 */
public record SudpProxyConfig(ProxyBase base, String secretKey, List<String> allowUsers) implements ProxyConfig {
    public SudpProxyConfig {
        base = base.requireType(ProxyType.SUDP);
        secretKey = Fields.text(secretKey);
        allowUsers = Fields.list(allowUsers);
    }
}
