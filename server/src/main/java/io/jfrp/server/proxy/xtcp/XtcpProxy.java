package io.jfrp.server.proxy.xtcp;

import io.jfrp.config.model.proxy.XtcpProxyConfig;
import io.jfrp.nathole.coordinator.NatHoleCoordinator;
import io.jfrp.protocol.msg.NatHoleSid;
import io.jfrp.server.proxy.Proxy;
import io.jfrp.server.proxy.RoutedProxy;
import io.jfrp.server.proxy.ProxyContext;
import io.jfrp.server.proxy.ProxyFactory;
import io.jfrp.server.proxy.WorkConnBridge;
import io.netty.channel.ChannelFutureListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * An xtcp proxy on jfrps (frp's {@code server/proxy/xtcp.go}): registered with the
 * {@link NatHoleCoordinator} under its wire name, secretKey and allowUsers (an empty list admits the
 * owner's own user, as frps). For every punch session the coordinator opens, a work connection of the
 * owner is taken from its pool and gets StartWorkConn{proxy_name} and then NatHoleSid{sid}, framed per
 * the owner's wire protocol, unwrapped, and is closed: the owner then sends its NatHoleClient on its
 * control stream.
 *
 * <p>Start and close on the control's loop, as every {@link Proxy}; deliveries may come from any
 * thread (the bridge hops to the control's loop itself).
 */
public final class XtcpProxy extends RoutedProxy {
    private static final Logger log = LoggerFactory.getLogger(XtcpProxy.class);

    private final NatHoleCoordinator coordinator;
    private final XtcpProxyConfig config;
    private String registeredName;

    private XtcpProxy(NatHoleCoordinator coordinator, XtcpProxyConfig config, ProxyContext context) {
        super(context);
        this.coordinator = coordinator;
        this.config = config;
    }

    /** The factory of xtcp proxies, coordinated by {@code coordinator}. */
    public static ProxyFactory factory(NatHoleCoordinator coordinator) {
        return (config, context) -> new XtcpProxy(coordinator, (XtcpProxyConfig) config, context);
    }

    @Override
    protected String register() {
        String wireName = name();
        List<String> allowUsers = config.allowUsers().isEmpty() ? List.of(context.user()) : config.allowUsers();
        coordinator.registerProxy(wireName, config.secretKey(), allowUsers, this::deliver);
        registeredName = wireName;
        return ""; // frps answers xtcp with an empty remote_addr
    }

    /** Hands {@code sid} to the owner: StartWorkConn, NatHoleSid, close. */
    private void deliver(String sid) {
        WorkConnBridge bridge = context.bridge();
        bridge.openUnwrapped(work -> work.writeAndFlush(new NatHoleSid("", sid, false, ""))
                .addListener(ChannelFutureListener.CLOSE)).addListener(f -> {
            if (!f.isSuccess()) {
                log.warn("xtcp proxy [{}]: no work connection for punch session {}: {}", bridge.proxyName(), sid,
                        f.cause().getMessage());
            }
        });
    }

    @Override
    public void close() {
        if (registeredName != null) {
            coordinator.unregisterProxy(registeredName);
            registeredName = null;
        }
    }
}
