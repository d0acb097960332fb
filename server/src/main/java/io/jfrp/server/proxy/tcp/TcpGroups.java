package io.jfrp.server.proxy.tcp;

import io.jfrp.server.proxy.ProxyRefusal;
import io.jfrp.server.proxy.RoundRobin;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The tcp load-balancing groups of one server ({@code loadBalancer.group} / {@code groupKey} on tcp
 * proxies): proxies of one group, from any clients, share one public listener on the group's
 * remotePort, and each new public connection goes to the next member in turn.
 *
 * <h3>Rules (as stock frps)</h3>
 * <ul>
 *   <li>The first proxy of a group reserves the port (allowPorts) and binds the listener; later
 *       ones join it and must give the same remotePort and the same groupKey, else they are refused
 *       with an error naming what differs.</li>
 *   <li>A member leaving (CloseProxy, its client gone) takes only itself out; the listener closes
 *       and the port is free again when the last one leaves.</li>
 *   <li>The group's port is held by the group, not by a client: it does not count towards any
 *       client's maxPortsPerClient (stock frps counts it per proxy).</li>
 * </ul>
 * Stock frps hands a connection to whichever member accepts first; here it is round-robin, so
 * members share the load evenly.
 *
 * <p>Thread-safe: one lock guards every group; nothing slow happens under it.
 */
public final class TcpGroups {
    private static final Logger log = LoggerFactory.getLogger(TcpGroups.class);

    private final GroupListeners listeners;
    private final Map<String, Group> groups = new HashMap<>();

    public TcpGroups(GroupListeners listeners) {
        this.listeners = listeners;
    }

    /**
     * Adds {@code member} to group {@code name}, creating the group (and binding its listener) if it
     * is the first. The future, completed on {@code executor}, gives the port the group listens on,
     * or fails with the error for NewProxyResp; a member whose join failed is not in the group.
     *
     * @param port the proxy's remotePort (0 = any free allowed port, for the first member)
     */
    public Future<Integer> join(String name, String groupKey, int port, TcpGroupMember member,
                                EventExecutor executor) {
        Promise<Integer> joined = executor.newPromise();
        Group group;
        synchronized (this) {
            group = groups.get(name);
            if (group == null || group.failed()) {
                group = new Group(name, groupKey, port);
                groups.put(name, group);
                group.bound = listeners.listen(port, group.acceptor);
                Group created = group;
                group.bound.addListener(f -> onBound(created, f));
            } else if (group.port != port) { // frps checks the port before the key
                joined.setFailure(new ProxyRefusal(ProxyRefusal.GROUP_DIFFERENT_PORT, "load balancer group [" + name
                        + "] listens on remotePort " + group.port + ", proxy [" + member.name() + "] asks for "
                        + port + " (group should have same remote port)"));
                return joined;
            } else if (!group.key.equals(groupKey)) {
                joined.setFailure(new ProxyRefusal(ProxyRefusal.GROUP_AUTH_FAILED, "load balancer group [" + name
                        + "]: groupKey does not match the group's (group auth failed)"));
                return joined;
            }
            group.members.add(member);
        }
        Group g = group;
        group.bound.addListener(f -> {
            if (f.isSuccess()) {
                joined.trySuccess(((InetSocketAddress) ((Channel) f.getNow()).localAddress()).getPort());
            } else {
                leave(name, member);
                joined.tryFailure(f.cause());
            }
        });
        log.debug("proxy [{}] joins load balancer group [{}] ({} members)", member.name(), name, g.size());
        return joined;
    }

    private void onBound(Group group, Future<?> f) {
        if (f.isSuccess()) {
            boolean empty;
            synchronized (this) {
                empty = group.members.isEmpty();
            }
            if (empty) { // every member left while the listener was being bound
                closeListener(group);
            }
            return;
        }
        synchronized (this) {
            groups.remove(group.name, group);
        }
    }

    /** Takes {@code member} out of group {@code name}; the last one out closes the listener. */
    public void leave(String name, TcpGroupMember member) {
        Group group;
        synchronized (this) {
            group = groups.get(name);
            if (group == null || !group.members.remove(member)) {
                return;
            }
            if (!group.members.isEmpty()) {
                log.debug("proxy [{}] leaves load balancer group [{}]", member.name(), name);
                return;
            }
            groups.remove(name);
        }
        log.info("load balancer group [{}] has no members left: its listener closes", name);
        if (group.bound.isSuccess()) {
            closeListener(group);
        } // else onBound closes it once bound
    }

    /** Closes the group's listener once, whichever of leave and onBound gets there first. */
    private void closeListener(Group group) {
        synchronized (this) {
            if (group.listenerClosed) {
                return;
            }
            group.listenerClosed = true;
        }
        listeners.close(group.bound.getNow());
    }

    /** Members of group {@code name} now (0 when there is no such group). */
    public synchronized int memberCount(String name) {
        Group group = groups.get(name);
        return group == null ? 0 : group.members.size();
    }

    /** The next member of {@code group} in turn, or null when it has none left. */
    private synchronized TcpGroupMember next(Group group) {
        return group.members.next();
    }

    /** One group: its key, port, listener and members in join order. Guarded by the TcpGroups lock. */
    private final class Group {
        final String name;
        final String key;
        final int port;
        final RoundRobin<TcpGroupMember> members = new RoundRobin<>();
        final ChannelHandler acceptor = new AcceptedConnection(this::serve);
        Future<Channel> bound;
        boolean listenerClosed;

        Group(String name, String key, int port) {
            this.name = name;
            this.key = key;
            this.port = port;
        }

        /** Hands a connection accepted on the group's port to its next member; closes it when none is left. */
        void serve(Channel connection) {
            TcpGroupMember member = next(this);
            if (member == null) {
                connection.close();
                return;
            }
            member.serve(connection);
        }

        boolean failed() {
            return bound.isDone() && !bound.isSuccess();
        }

        int size() {
            synchronized (TcpGroups.this) {
                return members.size();
            }
        }
    }
}
