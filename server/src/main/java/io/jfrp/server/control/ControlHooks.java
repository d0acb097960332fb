package io.jfrp.server.control;

import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.Ping;
import io.jfrp.server.proxy.UserConnGate;

import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the control asks before it acts on a client's messages: frp's server-plugin operations
 * (OPERATIONS.md section 5). Each asking method completes with the message to go on with (the same,
 * or a changed one), or fails with a {@link HookRefusal} whose message goes to the client. The
 * defaults let everything through unchanged, at once: that is {@link #NONE}, what a server without
 * plugins runs with.
 *
 * <p>Implementations may complete on any thread; the control carries on on its own loop.
 */
public interface ControlHooks {
    /** Everything goes through unchanged. */
    ControlHooks NONE = new ControlHooks() {
    };

    /** A Login, before its credentials are checked; {@code client} is where it came from. */
    default CompletionStage<Login> login(Login login, SocketAddress client) {
        return CompletableFuture.completedFuture(login);
    }

    /** A NewProxy of {@code client}, before the proxy is made. */
    default CompletionStage<NewProxy> newProxy(ClientIdentity client, NewProxy request) {
        return CompletableFuture.completedFuture(request);
    }

    /** A proxy of {@code client} has closed (a notice; nothing waits for it). */
    default void closeProxy(ClientIdentity client, String proxyName) {
    }

    /** A Ping of {@code client}, before its credentials are checked. */
    default CompletionStage<Ping> ping(ClientIdentity client, Ping ping) {
        return CompletableFuture.completedFuture(ping);
    }

    /** A NewWorkConn for {@code client}, before its credentials are checked. */
    default CompletionStage<NewWorkConn> newWorkConn(ClientIdentity client, NewWorkConn request) {
        return CompletableFuture.completedFuture(request);
    }

    /** What admits the user connections of a proxy of {@code client} (frp asks for tcp, https, tcpmux). */
    default UserConnGate userConns(ClientIdentity client, String proxyName, String proxyType) {
        return UserConnGate.OPEN;
    }
}
