package io.jfrp.config.model.proxy;

import io.jfrp.config.model.Fields;

import java.util.List;

/**
 * An xtcp proxy: xtcp visitors that know its secret key reach it peer to peer, after the server
 * helps both sides punch through their NATs.
 *
 * @param secretKey    the secret visitors must prove
 * @param allowUsers   users whose visitors may connect ({@code *} = all)
 * @param natTraversal which addresses are offered for hole punching
 */
public record XtcpProxyConfig(ProxyBase base, String secretKey, List<String> allowUsers, NatTraversal natTraversal)
        implements ProxyConfig {
    public XtcpProxyConfig {
        base = base.requireType(ProxyType.XTCP);
        secretKey = Fields.text(secretKey);
        allowUsers = Fields.list(allowUsers);
        natTraversal = natTraversal == null ? NatTraversal.DEFAULT : natTraversal;
    }
}
