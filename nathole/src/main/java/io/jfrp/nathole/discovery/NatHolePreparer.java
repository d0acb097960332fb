package io.jfrp.nathole.discovery;

import io.jfrp.nathole.NatClassifier;
import io.jfrp.nathole.NatFeature;
import io.jfrp.nathole.NatHoleException;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What each xtcp side does before asking the server to punch, as frp's {@code nathole.Prepare}:
 * STUN discovery from a fresh socket, two mapped addresses required, the NAT classified against
 * the host's own addresses, and the assisted addresses (up to 10 local IPv4 addresses with the
 * socket's port) unless disabled.
 *
 * <p>frp closes the discovery socket and binds a new one on the same port; we keep the same socket
 * open (reading paused), which is the same port without the moment in which another program could
 * take it.
 *
 * <p>Thread-safe.
 */
public final class NatHolePreparer {
    private static final Logger log = LoggerFactory.getLogger(NatHolePreparer.class);

    private final NatDiscovery discovery;
    private final LocalIpSource localIps;

    public NatHolePreparer(NatDiscovery discovery, LocalIpSource localIps) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.localIps = Objects.requireNonNull(localIps, "localIps");
    }

    /**
     * Prepares one side.
     *
     * @param stunServer           {@code natHoleStunServer}, resolved or not
     * @param disableAssistedAddrs {@code natTraversal.disableAssistedAddrs}
     * @return the prepared side, or a {@link NatHoleException} in frp's words ("discover error: ...",
     * "classify nat feature error: ...") with the socket closed
     */
    public Future<PreparedHole> prepare(InetSocketAddress stunServer, boolean disableAssistedAddrs) {
        Promise<PreparedHole> promise = ImmediateEventExecutor.INSTANCE.newPromise();
        discovery.discover(stunServer).addListener(f -> {
            if (!f.isSuccess()) {
                promise.setFailure(new NatHoleException("discover error: " + f.cause().getMessage(), f.cause()));
                return;
            }
            DiscoveryResult found = (DiscoveryResult) f.getNow();
            try {
                promise.setSuccess(classify(found, disableAssistedAddrs));
            } catch (NatHoleException | RuntimeException e) {
                found.channel().close();
                promise.setFailure(e);
            }
        });
        return promise;
    }

    private PreparedHole classify(DiscoveryResult found, boolean disableAssistedAddrs) throws NatHoleException {
        if (found.mappedAddrs().size() < 2) {
            throw new NatHoleException("discover error: not enough addresses (got " + found.mappedAddrs()
                    + "; the STUN server must have an alternate address, RFC 5780)");
        }
        List<String> ips = ownIps();
        NatFeature feature;
        try {
            feature = NatClassifier.classify(found.mappedAddrs(), ips);
        } catch (IllegalArgumentException e) {
            throw new NatHoleException("classify nat feature error: " + e.getMessage(), e);
        }
        List<String> assisted = new ArrayList<>();
        if (!disableAssistedAddrs) {
            int port = found.localAddress().getPort();
            for (String ip : ips) {
                assisted.add(ip + ":" + port);
            }
        }
        return new PreparedHole(found.mappedAddrs(), assisted, feature, found.localAddress(), found.channel());
    }

    /** frp ignores a failure to list the interfaces; so do we, with a log line. */
    private List<String> ownIps() {
        try {
            return localIps.localIps(LocalAddresses.MAX_ASSISTED);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot list local addresses, continuing without assisted addresses: {}", e.toString());
            return List.of();
        }
    }
}
