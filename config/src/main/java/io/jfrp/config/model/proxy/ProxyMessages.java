package io.jfrp.config.model.proxy;

import io.jfrp.protocol.msg.NewProxy;

/**
 * The one mapping between the model and frp's NewProxy message, both ways: jfrpc sends
 * {@link #toNewProxy} of each proxy it starts, jfrps reads {@link #fromNewProxy} of each NewProxy
 * (frps' {@code NewProxyConfigurerFromMsg}), so the server works with the same records as the
 * client and can show them (its API's {@code conf}).
 *
 * <p>As in frp, the message carries only what the server needs: not localIP, localPort, health
 * check or plugin (those stay with the client), and the bandwidth limit mode only when it is not
 * the default {@code client}. Each record contributes exactly its own type's fields.
 */
public final class ProxyMessages {
    private static final String DEFAULT_LIMIT_MODE = ProxyTransport.DEFAULT.bandwidthLimitMode();

    private ProxyMessages() {
    }

    /** The NewProxy for {@code proxy}, named {@code user.name} when the client has a user. */
    public static NewProxy toNewProxy(ProxyConfig proxy, String user) {
        ProxyBuilder<ProxyConfig> b = proxy.toBuilder();
        ProxyTransport t = b.transport;
        return NewProxy.builder(proxy.wireName(user), proxy.type().frpName())
                .useEncryption(t.useEncryption())
                .useCompression(t.useCompression())
                .bandwidthLimit(t.bandwidthLimit())
                .bandwidthLimitMode(DEFAULT_LIMIT_MODE.equals(t.bandwidthLimitMode()) ? "" : t.bandwidthLimitMode())
                .group(b.loadBalancer.group())
                .groupKey(b.loadBalancer.groupKey())
                .metas(b.metadatas)
                .annotations(b.annotations)
                .remotePort(b.remotePort)
                .customDomains(b.customDomains)
                .subdomain(b.subdomain)
                .locations(b.locations)
                .httpUser(b.httpUser)
                .httpPwd(b.httpPassword)
                .hostHeaderRewrite(b.hostHeaderRewrite)
                .headers(b.requestHeaders)
                .responseHeaders(b.responseHeaders)
                .routeByHttpUser(b.routeByHTTPUser)
                .sk(b.secretKey)
                .allowUsers(b.allowUsers)
                .multiplexer(b.multiplexer)
                .build();
    }

    /**
     * The proxy a NewProxy asks for, named as on the wire, without local address (the message does
     * not carry it).
     *
     * @throws IllegalArgumentException when {@code proxy_type} is not one of frp's, or a field is out of
     *                                  range (a remote port beyond 65535)
     */
    public static ProxyConfig fromNewProxy(NewProxy m) {
        ProxyType type = ProxyType.fromFrpName(m.proxyType()).orElseThrow(() ->
                new IllegalArgumentException("proxy type [" + m.proxyType() + "] is not a type of frp"));
        ProxyBuilder<ProxyConfig> b = ProxyBuilder.of(type, m.proxyName());
        b.localIP = "";
        b.transport = new ProxyTransport(m.useEncryption(), m.useCompression(), m.bandwidthLimit(),
                m.bandwidthLimitMode(), "");
        b.loadBalancer = new LoadBalancer(m.group(), m.groupKey());
        b.metadatas = m.metas();
        b.annotations = m.annotations();
        b.remotePort = m.remotePort();
        b.customDomains = m.customDomains();
        b.subdomain = m.subdomain();
        b.locations = m.locations();
        b.httpUser = m.httpUser();
        b.httpPassword = m.httpPwd();
        b.hostHeaderRewrite = m.hostHeaderRewrite();
        b.requestHeaders = m.headers();
        b.responseHeaders = m.responseHeaders();
        b.routeByHTTPUser = m.routeByHttpUser();
        b.secretKey = m.sk();
        b.allowUsers = m.allowUsers();
        b.multiplexer = m.multiplexer();
        return b.build();
    }
}
