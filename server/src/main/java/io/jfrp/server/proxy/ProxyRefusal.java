package io.jfrp.server.proxy;

/**
 * A proxy jfrps does not create, with two texts: {@link #getMessage()} is the error stock frps 0.70
 * puts in NewProxyResp for the same case (what frpc logs and a stock frpc or a script may match, so
 * it is frp's text byte for byte), and {@link #detail()} is jfrps's own fuller account for its log
 * (which port, which group, why). The constants are frp's texts ({@code server/ports},
 * {@code server/group}, {@code pkg/util/vhost}).
 */
public final class ProxyRefusal extends IllegalArgumentException {
    /** frp's {@code ports.ErrPortAlreadyUsed}. */
    public static final String PORT_ALREADY_USED = "port already used";
    /** frp's {@code ports.ErrPortNotAllowed}. */
    public static final String PORT_NOT_ALLOWED = "port not allowed";
    /** frp's {@code ports.ErrPortUnAvailable}: the port is allowed and free in frps, but cannot be bound. */
    public static final String PORT_UNAVAILABLE = "port unavailable";
    /** frp's {@code ports.ErrNoAvailablePort}, for remotePort 0. */
    public static final String NO_AVAILABLE_PORT = "no available port";
    /** frp's error when a client would hold more than maxPortsPerClient ports. */
    public static final String EXCEED_MAX_PORTS = "exceed the max_ports_per_client";
    /** frp's {@code group.ErrGroupAuthFailed}: another groupKey than the group's. */
    public static final String GROUP_AUTH_FAILED = "group auth failed";
    /** frp's {@code group.ErrGroupDifferentPort}. */
    public static final String GROUP_DIFFERENT_PORT = "group should have same remote port";
    /** frp's {@code group.ErrGroupParamsInvalid}: a member whose route differs from its group's. */
    public static final String GROUP_PARAMS_INVALID = "group params invalid";
    /** frp's {@code group.ErrProxyRepeated}: the proxy is in the group already. */
    public static final String GROUP_PROXY_REPEATED = "group proxy repeated";
    /** frp's {@code vhost.ErrRouterConfigConflict}: a domain (and location, httpUser) served already. */
    public static final String ROUTER_CONFIG_CONFLICT = "router config conflict";

    private static final long serialVersionUID = 1L;

    private final String detail;

    /**
     * @param frpError frp's text, sent to the client
     * @param detail   jfrps's account for its log
     */
    public ProxyRefusal(String frpError, String detail) {
        super(frpError);
        this.detail = detail;
    }

    /** jfrps's own account of the refusal, for its log. */
    public String detail() {
        return detail;
    }

    /** The error as a udp proxy's NewProxyResp carries it: frps wraps the port manager's error. */
    public ProxyRefusal forUdpPort(int port) {
        return new ProxyRefusal("acquire port " + port + " error: " + getMessage(), detail);
    }

    /** The text for the client: frp's for a refusal, else the exception's message. */
    public static String clientError(Throwable cause) {
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** The text for jfrps's log: the refusal's detail, else the exception's message. */
    public static String logText(Throwable cause) {
        return cause instanceof ProxyRefusal r ? r.detail() : clientError(cause);
    }
}
