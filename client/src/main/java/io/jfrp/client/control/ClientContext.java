package io.jfrp.client.control;

import io.jfrp.client.proxy.ClientProxy;
import io.jfrp.client.proxy.ClientProxyFactory;
import io.jfrp.config.model.proxy.ProxyTypeRegistry;
import io.jfrp.client.proxy.LocalDialer;
import io.jfrp.client.proxy.ProxyDirectory;
import io.jfrp.client.transport.ClientEventLoops;
import io.jfrp.client.transport.ServerTransport;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.client.auth.ClientAuth;
import io.jfrp.protocol.auth.AuthSigner;
import io.jfrp.protocol.crypto.CryptoKey;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every connection of one client shares: the settings, the transport to the server, the token's
 * authenticator and key, the client's side of each proxy by wire name, and the work connections in
 * use. Thread-safe (immutable but for the channel group, which is).
 *
 * @param config                the client's settings
 * @param loops                 the client's event loops
 * @param transport             how sessions with the server are opened
 * @param proxies               the client's proxies as they are at each moment (reload and health
 *                              checks change them)
 * @param events                told of each connection's login and loss
 * @param authenticator         signs Login, NewWorkConn, Ping: token, or OIDC ({@code auth.method})
 * @param tokenKey              the key the token derives, for the encrypted control stream
 * @param workConnectionsInUse  work connections relaying to a local service now; a closed one leaves
 *                              by itself
 * @param relayLoops            which loop each pool relay runs on (tcpMux off)
 */
public record ClientContext(ClientConfig config, ClientEventLoops loops, ServerTransport transport,
                            ProxyDirectory proxies, ConnectionEvents events, AuthSigner authenticator,
                            CryptoKey tokenKey, ChannelGroup workConnectionsInUse, RelayLoops relayLoops) {

    /**
     * With the proxies of {@code config}, made once from {@code factories} (tests).
     *
     * @throws IllegalArgumentException when a proxy's type is not in {@code factories}
     */
    public ClientContext(ClientConfig config, ClientEventLoops loops, ServerTransport transport,
                         ProxyTypeRegistry<ClientProxyFactory> factories, ConnectionEvents events) {
        this(config, loops, transport, fixed(config, factories, new LocalDialer(loops.socketChannel(),
                config.dialServerTimeout(), loops.datagramChannel(), config.udpPacketSize(),
                config.udpIdleTimeout())), events);
    }

    /** With the authenticator and key of {@code config}'s auth settings and no work connection in use. */
    public ClientContext(ClientConfig config, ClientEventLoops loops, ServerTransport transport,
                         ProxyDirectory proxies, ConnectionEvents events) {
        this(config, loops, transport, proxies, events, ClientAuth.signer(config),
                CryptoKey.fromSecret(config.auth().token()),
                new DefaultChannelGroup("work-connections-in-use", GlobalEventExecutor.INSTANCE),
                new RelayLoops(loops.group()));
    }

    private static ProxyDirectory fixed(ClientConfig config, ProxyTypeRegistry<ClientProxyFactory> factories,
                                        LocalDialer dialer) {
        Map<String, ClientProxy> byWireName = new LinkedHashMap<>();
        for (ProxyConfig p : config.proxies()) {
            byWireName.put(config.wireName(p.name()), factories.factory(p).create(p, dialer));
        }
        return byWireName::get;
    }

    /** The client's side of the proxy named {@code wireName} on the wire, or null. */
    public ClientProxy proxy(String wireName) {
        return proxies.proxy(wireName);
    }
}
