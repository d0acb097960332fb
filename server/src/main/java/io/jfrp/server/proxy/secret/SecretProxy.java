package io.jfrp.server.proxy.secret;

import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.StcpProxyConfig;
import io.jfrp.config.model.proxy.SudpProxyConfig;
import io.jfrp.server.proxy.Proxy;
import io.jfrp.server.proxy.RoutedProxy;
import io.jfrp.server.proxy.ProxyContext;
import io.jfrp.server.proxy.ProxyFactory;
import io.jfrp.server.proxy.VisitorTargets;

import java.util.List;

/**
 * An stcp or sudp proxy on jfrps (frp's {@code server/proxy/stcp.go} and {@code sudp.go}, which are the
 * same): no public port, only a {@link VisitorTargets.Target} that visitors knowing its secretKey reach
 * through jfrps. On the server the two types are alike: an admitted visitor connection is relayed byte
 * for byte to a work connection of the owner (StartWorkConn with the visitor's address); for sudp those
 * bytes are the UDPPacket messages the two clients exchange.
 *
 * <p>Start and close on the control's loop, as every {@link Proxy}.
 */
public final class SecretProxy extends RoutedProxy {
    private final VisitorTargets targets;
    private final VisitorTargets.Target target;
    private boolean registered;

    private SecretProxy(VisitorTargets targets, VisitorTargets.Target target, ProxyContext context) {
        super(context);
        this.targets = targets;
        this.target = target;
    }

    /** The factory of stcp and sudp proxies, open to visitors through {@code targets}. */
    public static ProxyFactory factory(VisitorTargets targets) {
        return (config, context) -> new SecretProxy(targets, target(config, context), context);
    }

    private static VisitorTargets.Target target(ProxyConfig config, ProxyContext context) {
        String secretKey;
        List<String> allowUsers;
        if (config instanceof StcpProxyConfig stcp) {
            secretKey = stcp.secretKey();
            allowUsers = stcp.allowUsers();
        } else if (config instanceof SudpProxyConfig sudp) {
            secretKey = sudp.secretKey();
            allowUsers = sudp.allowUsers();
        } else {
            throw new IllegalArgumentException("not an stcp or sudp proxy: " + config.type().frpName());
        }
        // frps: an empty allowUsers admits the visitors of the owner's own user only.
        return new VisitorTargets.Target(config.name(), config.type().frpName(), secretKey,
                allowUsers.isEmpty() ? List.of(context.user()) : allowUsers, context.bridge());
    }

    @Override
    protected String register() {
        String refused = targets.register(target);
        if (refused != null) {
            throw new IllegalStateException(refused);
        }
        registered = true;
        return ""; // remote_addr is empty for stcp and sudp
    }

    @Override
    public void close() {
        if (registered) {
            registered = false;
            targets.unregister(target);
        }
    }
}
