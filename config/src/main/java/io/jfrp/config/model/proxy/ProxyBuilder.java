package io.jfrp.config.model.proxy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes a {@link ProxyConfig} from loose fields: what the configuration reader, the NewProxy mapping
 * ({@link ProxyMessages}) and tests use. It holds the fields of every type; {@link #build()} makes
 * the record of its {@link ProxyType}, which takes the fields of that type and leaves the others out
 * (as frp's {@code UnmarshalFromMsg} reads only its type's fields). Unset fields have frp's defaults.
 *
 * <p>Fields are package-private; each record's fields are read and written by name, through its
 * type's {@link io.jfrp.config.model.RecordBinding} (so a field here is named as the record
 * component it fills). Not thread-safe.
 *
 * @param <T> the record {@link #build()} returns
 */
public final class ProxyBuilder<T extends ProxyConfig> {
    private final Class<T> result;
    final ProxyType type;
    String name;
    boolean enabled = true;
    String localIP = "127.0.0.1";
    int localPort;
    ProxyTransport transport = ProxyTransport.DEFAULT;
    LoadBalancer loadBalancer = LoadBalancer.NONE;
    HealthCheck healthCheck = HealthCheck.NONE;
    ProxyPlugin plugin = ProxyPlugin.NONE;
    Map<String, String> metadatas = Map.of();
    Map<String, String> annotations = Map.of();
    int remotePort;
    List<String> customDomains = List.of();
    String subdomain = "";
    List<String> locations = List.of();
    String httpUser = "";
    String httpPassword = "";
    String hostHeaderRewrite = "";
    Map<String, String> requestHeaders = Map.of();
    Map<String, String> responseHeaders = Map.of();
    String routeByHTTPUser = "";
    String multiplexer = "";
    String secretKey = "";
    List<String> allowUsers = List.of();
    NatTraversal natTraversal = NatTraversal.DEFAULT;

    private ProxyBuilder(Class<T> result, ProxyType type, String name) {
        this.result = result;
        this.type = Objects.requireNonNull(type, "type");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** A proxy of any type. */
    public static ProxyBuilder<ProxyConfig> of(ProxyType type, String name) {
        return new ProxyBuilder<>(ProxyConfig.class, type, name);
    }

    /** A tcp proxy of {@code localIP:localPort} on {@code remotePort} (0: the server chooses). */
    public static ProxyBuilder<TcpProxyConfig> tcp(String name, String localIP, int localPort, int remotePort) {
        return new ProxyBuilder<>(TcpProxyConfig.class, ProxyType.TCP, name).local(localIP, localPort)
                .remotePort(remotePort);
    }

    /** An http proxy of {@code localIP:localPort} for {@code customDomains}. */
    public static ProxyBuilder<HttpProxyConfig> http(String name, String localIP, int localPort,
                                                     String... customDomains) {
        return new ProxyBuilder<>(HttpProxyConfig.class, ProxyType.HTTP, name).local(localIP, localPort)
                .customDomains(List.of(customDomains));
    }

    /** An https proxy of {@code localIP:localPort} for {@code customDomains}. */
    public static ProxyBuilder<HttpsProxyConfig> https(String name, String localIP, int localPort,
                                                       String... customDomains) {
        return new ProxyBuilder<>(HttpsProxyConfig.class, ProxyType.HTTPS, name).local(localIP, localPort)
                .customDomains(List.of(customDomains));
    }

    /** A tcpmux proxy of {@code localIP:localPort} for {@code customDomains} (set its multiplexer). */
    public static ProxyBuilder<TcpMuxProxyConfig> tcpmux(String name, String localIP, int localPort,
                                                         String... customDomains) {
        return new ProxyBuilder<>(TcpMuxProxyConfig.class, ProxyType.TCPMUX, name).local(localIP, localPort)
                .customDomains(List.of(customDomains));
    }

    /** A udp proxy of {@code localIP:localPort} on {@code remotePort} (0: the server chooses). */
    public static ProxyBuilder<UdpProxyConfig> udp(String name, String localIP, int localPort, int remotePort) {
        return new ProxyBuilder<>(UdpProxyConfig.class, ProxyType.UDP, name).local(localIP, localPort)
                .remotePort(remotePort);
    }

    /** An stcp proxy of {@code localIP:localPort} for visitors knowing {@code secretKey}. */
    public static ProxyBuilder<StcpProxyConfig> stcp(String name, String localIP, int localPort, String secretKey) {
        return new ProxyBuilder<>(StcpProxyConfig.class, ProxyType.STCP, name).local(localIP, localPort)
                .secretKey(secretKey);
    }

    /** An sudp proxy of {@code localIP:localPort} for visitors knowing {@code secretKey}. */
    public static ProxyBuilder<SudpProxyConfig> sudp(String name, String localIP, int localPort, String secretKey) {
        return new ProxyBuilder<>(SudpProxyConfig.class, ProxyType.SUDP, name).local(localIP, localPort)
                .secretKey(secretKey);
    }

    /** Every field of {@code proxy}. */
    static ProxyBuilder<ProxyConfig> from(ProxyConfig proxy) {
        ProxyBase base = proxy.base();
        ProxyBuilder<ProxyConfig> b = of(base.type(), base.name());
        b.enabled = base.enabled();
        b.localIP = base.localIP();
        b.localPort = base.localPort();
        b.transport = base.transport();
        b.loadBalancer = base.loadBalancer();
        b.healthCheck = base.healthCheck();
        b.plugin = base.plugin();
        b.metadatas = base.metadatas();
        b.annotations = base.annotations();
        base.type().spec().record().copy((Record) proxy, b);
        return b;
    }

    public ProxyBuilder<T> name(String v) {
        name = Objects.requireNonNull(v, "name");
        return this;
    }

    public ProxyBuilder<T> enabled(boolean v) {
        enabled = v;
        return this;
    }

    /** localIP and localPort. */
    public ProxyBuilder<T> local(String ip, int port) {
        localIP = ip;
        localPort = port;
        return this;
    }

    public ProxyBuilder<T> transport(ProxyTransport v) {
        transport = v;
        return this;
    }

    /** transport.useEncryption and transport.useCompression, the rest of the transport unchanged. */
    public ProxyBuilder<T> wrapping(boolean useEncryption, boolean useCompression) {
        transport = new ProxyTransport(useEncryption, useCompression, transport.bandwidthLimit(),
                transport.bandwidthLimitMode(), transport.proxyProtocolVersion());
        return this;
    }

    /** loadBalancer.group and loadBalancer.groupKey. */
    public ProxyBuilder<T> loadBalancer(String group, String groupKey) {
        loadBalancer = new LoadBalancer(group, groupKey);
        return this;
    }

    public ProxyBuilder<T> healthCheck(HealthCheck v) {
        healthCheck = v;
        return this;
    }

    public ProxyBuilder<T> plugin(ProxyPlugin v) {
        plugin = v;
        return this;
    }

    public ProxyBuilder<T> metadatas(Map<String, String> v) {
        metadatas = v;
        return this;
    }

    public ProxyBuilder<T> annotations(Map<String, String> v) {
        annotations = v;
        return this;
    }

    public ProxyBuilder<T> remotePort(int v) {
        remotePort = v;
        return this;
    }

    public ProxyBuilder<T> customDomains(List<String> v) {
        customDomains = v;
        return this;
    }

    public ProxyBuilder<T> subdomain(String v) {
        subdomain = v;
        return this;
    }

    public ProxyBuilder<T> locations(List<String> v) {
        locations = v;
        return this;
    }

    /** httpUser and httpPassword. */
    public ProxyBuilder<T> basicAuth(String user, String password) {
        httpUser = user;
        httpPassword = password;
        return this;
    }

    public ProxyBuilder<T> hostHeaderRewrite(String v) {
        hostHeaderRewrite = v;
        return this;
    }

    /** requestHeaders.set. */
    public ProxyBuilder<T> requestHeaders(Map<String, String> v) {
        requestHeaders = v;
        return this;
    }

    /** responseHeaders.set. */
    public ProxyBuilder<T> responseHeaders(Map<String, String> v) {
        responseHeaders = v;
        return this;
    }

    public ProxyBuilder<T> routeByHTTPUser(String v) {
        routeByHTTPUser = v;
        return this;
    }

    public ProxyBuilder<T> multiplexer(String v) {
        multiplexer = v;
        return this;
    }

    public ProxyBuilder<T> secretKey(String v) {
        secretKey = v;
        return this;
    }

    public ProxyBuilder<T> allowUsers(List<String> v) {
        allowUsers = v;
        return this;
    }

    public ProxyBuilder<T> natTraversal(NatTraversal v) {
        natTraversal = v;
        return this;
    }

    /** The base of the proxy as built now. */
    ProxyBase base() {
        return new ProxyBase(name, type, enabled, localIP, localPort, transport, loadBalancer, healthCheck, plugin,
                metadatas, annotations);
    }

    /** The record of this builder's type. */
    public T build() {
        return result.cast(type.create(this));
    }
}
