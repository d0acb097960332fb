package io.jfrp.config.model.visitor;

import io.jfrp.config.model.proxy.NatTraversal;

import java.util.Objects;

/**
 * Makes a {@link VisitorConfig} from loose fields (the configuration reader, tests): the fields of
 * every type, with frp's defaults; {@link #build()} makes the record of its {@link VisitorType}.
 * Fields are package-private and named as the record components they fill: each type's
 * {@link io.jfrp.config.model.RecordBinding} reads and writes them by name. Not thread-safe.
 *
 * @param <T> the record {@link #build()} returns
 */
public final class VisitorBuilder<T extends VisitorConfig> {
    private final Class<T> result;
    final VisitorType type;
    String name;
    boolean enabled = true;
    VisitorTransport transport = VisitorTransport.DEFAULT;
    String secretKey = "";
    String serverUser = "";
    String serverName = "";
    String bindAddr = "127.0.0.1";
    int bindPort;
    VisitorPlugin plugin = VisitorPlugin.NONE;
    String protocol = "quic";
    boolean keepTunnelOpen;
    int maxRetriesAnHour = 8;
    int minRetryInterval = 90;
    String fallbackTo = "";
    int fallbackTimeoutMs = 1000;
    NatTraversal natTraversal = NatTraversal.DEFAULT;

    private VisitorBuilder(Class<T> result, VisitorType type, String name) {
        this.result = result;
        this.type = Objects.requireNonNull(type, "type");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** A visitor of any type. */
    public static VisitorBuilder<VisitorConfig> of(VisitorType type, String name) {
        return new VisitorBuilder<>(VisitorConfig.class, type, name);
    }

    /** An stcp visitor of proxy {@code serverName} with {@code secretKey}, listening on {@code bindPort}. */
    public static VisitorBuilder<StcpVisitorConfig> stcp(String name, String serverName, String secretKey,
                                                         int bindPort) {
        return new VisitorBuilder<>(StcpVisitorConfig.class, VisitorType.STCP, name).server("", serverName)
                .secretKey(secretKey).bind("127.0.0.1", bindPort);
    }

    /** An sudp visitor of proxy {@code serverName} with {@code secretKey}, listening on UDP {@code bindPort}. */
    public static VisitorBuilder<SudpVisitorConfig> sudp(String name, String serverName, String secretKey,
                                                         int bindPort) {
        return new VisitorBuilder<>(SudpVisitorConfig.class, VisitorType.SUDP, name).server("", serverName)
                .secretKey(secretKey).bind("127.0.0.1", bindPort);
    }

    static VisitorBuilder<VisitorConfig> from(VisitorConfig visitor) {
        VisitorBase base = visitor.base();
        VisitorBuilder<VisitorConfig> b = of(base.type(), base.name());
        b.enabled = base.enabled();
        b.transport = base.transport();
        b.secretKey = base.secretKey();
        b.serverUser = base.serverUser();
        b.serverName = base.serverName();
        b.bindAddr = base.bindAddr();
        b.bindPort = base.bindPort();
        b.plugin = base.plugin();
        base.type().spec().record().copy((Record) visitor, b);
        return b;
    }

    public VisitorBuilder<T> enabled(boolean v) {
        enabled = v;
        return this;
    }

    public VisitorBuilder<T> transport(VisitorTransport v) {
        transport = v;
        return this;
    }

    public VisitorBuilder<T> secretKey(String v) {
        secretKey = v;
        return this;
    }

    /** serverUser and serverName: whose proxy is visited. */
    public VisitorBuilder<T> server(String user, String proxyName) {
        serverUser = user;
        serverName = proxyName;
        return this;
    }

    /** bindAddr and bindPort. */
    public VisitorBuilder<T> bind(String addr, int port) {
        bindAddr = addr;
        bindPort = port;
        return this;
    }

    public VisitorBuilder<T> plugin(VisitorPlugin v) {
        plugin = v;
        return this;
    }

    /** xtcp: protocol, keepTunnelOpen. */
    public VisitorBuilder<T> tunnel(String protocol, boolean keepOpen) {
        this.protocol = protocol;
        this.keepTunnelOpen = keepOpen;
        return this;
    }

    /** xtcp: maxRetriesAnHour, minRetryInterval (seconds). */
    public VisitorBuilder<T> retries(int maxAnHour, int minIntervalSeconds) {
        this.maxRetriesAnHour = maxAnHour;
        this.minRetryInterval = minIntervalSeconds;
        return this;
    }

    /** xtcp: fallbackTo, fallbackTimeoutMs. */
    public VisitorBuilder<T> fallback(String visitor, int timeoutMs) {
        this.fallbackTo = visitor;
        this.fallbackTimeoutMs = timeoutMs;
        return this;
    }

    public VisitorBuilder<T> natTraversal(NatTraversal v) {
        natTraversal = v;
        return this;
    }

    VisitorBase base() {
        return new VisitorBase(name, type, enabled, transport, secretKey, serverUser, serverName, bindAddr, bindPort,
                plugin);
    }

    /** The record of this builder's type. */
    public T build() {
        return result.cast(type.create(this));
    }
}
