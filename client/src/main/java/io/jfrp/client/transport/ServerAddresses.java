package io.jfrp.client.transport;

import io.netty.channel.EventLoop;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.util.concurrent.Promise;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * The server's address resolved before anything is sent, for the transports over UDP (KCP, QUIC),
 * which send every datagram to an address, where TCP connects to a name.
 */
public final class ServerAddresses {
    private ServerAddresses() {
    }

    /**
     * Resolves {@code host:port} with {@code loop}'s resolver, then calls {@code next} with the address
     * on {@code loop}; when it cannot be resolved, {@code result} fails with the resolver's cause.
     */
    public static void resolve(EventLoop loop, String host, int port, Promise<?> result,
                               Consumer<InetSocketAddress> next) {
        DefaultAddressResolverGroup.INSTANCE.getResolver(loop).resolve(InetSocketAddress.createUnresolved(host, port))
                .addListener(r -> {
                    if (r.isSuccess()) {
                        next.accept((InetSocketAddress) r.getNow());
                    } else {
                        result.tryFailure(r.cause());
                    }
                });
    }
}
