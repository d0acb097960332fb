package io.jfrp.bench.paths;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.mux.MuxRelay;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The yamux multiplexer alone as a path: two {@link MuxRelay} JVMs, no frp and no TLS. What it adds to
 * direct is what the multiplexer (and two relaying hops) costs; with {@code fixedWindow} both sessions
 * keep stock yamux's fixed 256 KiB window instead of auto-tuning it.
 */
public final class MuxRelayPath extends ServerClientPath {
    private final boolean fixedWindow;
    private final Placement placement;
    private final List<String> javaOpts;

    public MuxRelayPath(String name, boolean fixedWindow, Placement placement, BenchContext ctx) {
        super(name, ctx, Duration.ofSeconds(2));
        this.fixedWindow = fixedWindow;
        this.placement = placement;
        this.javaOpts = ctx.childJavaOpts();
    }

    @Override
    public PublicEndpoint publish(InetSocketAddress service) throws Exception {
        String host = placement.serverHost();
        String tunnel = host + ":" + Net.freePort();
        InetSocketAddress pub = new InetSocketAddress(host, Net.freePort());
        Child server = start("server", "relay-server", relay(placement.serverNetns(), "server", tunnel,
                host + ":" + pub.getPort()), Map.of());
        server.awaitLine(READY_TIMEOUT, MuxRelay.READY);
        Child client = start("client", "relay-client", relay(placement.clientNetns(), "client", tunnel,
                service.getHostString() + ":" + service.getPort()), Map.of());
        client.awaitLine(READY_TIMEOUT, MuxRelay.READY);
        server.awaitLine(READY_TIMEOUT, MuxRelay.CONNECTED);
        return new PublicEndpoint(pub, null);
    }

    private List<String> relay(String netns, String role, String tunnel, String other) {
        List<String> args = new ArrayList<>(List.of(role, tunnel, other));
        if (fixedWindow) {
            args.add(MuxRelay.FIXED_WINDOW);
        }
        return Child.inNetns(netns, Child.java(javaOpts, MuxRelay.class, args));
    }
}
