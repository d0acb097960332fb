package io.jfrp.server.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jfrp.config.model.HttpPluginConfig;
import io.jfrp.config.model.ServerPluginsConfig;
import io.jfrp.protocol.msg.CloseProxy;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.Ping;
import io.jfrp.server.control.ClientIdentity;
import io.jfrp.server.control.ControlHooks;
import io.jfrp.server.control.HookRefusal;
import io.jfrp.server.proxy.UserConnGate;
import io.netty.channel.EventLoopGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * frps' server plugins ({@code httpPlugins}) as {@link ControlHooks}, with frp's contract
 * (OPERATIONS.md section 5, frp's {@code pkg/plugin/server}): for each operation the plugins that
 * list it are asked in configuration order, each with the previous one's output; the first
 * rejection wins ({@code reject_reason} goes to the client); {@code unchange} keeps the content, else
 * the answer's content replaces it whole. A plugin that cannot be reached, answers late (the
 * timeout), with a status other than 200, or with JSON that does not decode, refuses the operation
 * with frp's "send {op} request to plugin error" (the log says which plugin and why). CloseProxy is a
 * notice: its answers and errors are only logged.
 *
 * <p>Thread-safe; calls complete on the plugin connections' loops.
 */
public final class ServerPlugins implements ControlHooks {
    /** The version frp sends in every request. */
    static final String API_VERSION = "0.1.0";
    private static final Logger log = LoggerFactory.getLogger(ServerPlugins.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<HttpPluginClient> plugins;

    /**
     * @param config the plugins and their timeout
     * @param group  the loops the plugins' connections run on
     * @throws IllegalArgumentException when a plugin's address is not a URL
     */
    public ServerPlugins(ServerPluginsConfig config, EventLoopGroup group) throws SSLException {
        List<HttpPluginClient> clients = new ArrayList<>();
        for (HttpPluginConfig p : config.plugins()) {
            clients.add(new HttpPluginClient(p, group, config.timeout()));
        }
        this.plugins = List.copyOf(clients);
    }

    @Override
    public CompletionStage<Login> login(Login login, SocketAddress client) {
        return chain("Login", login, l -> PluginContents.login(l, client), Login.class, false);
    }

    @Override
    public CompletionStage<NewProxy> newProxy(ClientIdentity client, NewProxy request) {
        return chainOfClient("NewProxy", client, request, NewProxy.class);
    }

    @Override
    public void closeProxy(ClientIdentity client, String proxyName) {
        List<HttpPluginClient> asked = handling("CloseProxy");
        if (asked.isEmpty()) {
            return;
        }
        String id = requestId();
        byte[] body = request("CloseProxy", PluginContents.withUser(client, new CloseProxy(proxyName)));
        for (HttpPluginClient p : asked) {
            p.post("CloseProxy", id, body).whenComplete((answer, error) -> {
                if (error != null) {
                    log.warn("reqid: {} send CloseProxy request to plugin [{}] error: {}", id, p.name(), describe(error));
                }
            });
        }
    }

    @Override
    public CompletionStage<Ping> ping(ClientIdentity client, Ping ping) {
        return chainOfClient("Ping", client, ping, Ping.class);
    }

    @Override
    public CompletionStage<NewWorkConn> newWorkConn(ClientIdentity client, NewWorkConn request) {
        return chainOfClient("NewWorkConn", client, request, NewWorkConn.class);
    }

    @Override
    public UserConnGate userConns(ClientIdentity client, String proxyName, String proxyType) {
        if (handling("NewUserConn").isEmpty()) {
            return UserConnGate.OPEN;
        }
        return remote -> {
            ObjectNode content = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            content.set("user", PluginContents.user(client));
            content.put("proxy_name", proxyName);
            content.put("proxy_type", proxyType);
            String ip = remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
            content.put("remote_addr", (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + remote.getPort());
            // The content is not taken back (frp ignores changes): only rejections count.
            return chain("NewUserConn", content, c -> c, null, true).thenApply(c -> null);
        };
    }

    /** The plugins asked about {@code op}, in order. */
    private List<HttpPluginClient> handling(String op) {
        return plugins.stream().filter(p -> p.config().handles(op)).toList();
    }

    /** Runs a logged-in client's {@code op} through its plugins: the content is {@code request} with the client's user. */
    private <T extends Message> CompletionStage<T> chainOfClient(String op, ClientIdentity client, T request, Class<T> type) {
        return chain(op, request, m -> PluginContents.withUser(client, m), type, false);
    }

    /**
     * Runs {@code op} through its plugins: each gets the content so far, may reject, keep or replace it.
     *
     * @param type    the message the content is read back as; null to keep the content as JSON
     * @param quietly log failures at info (NewUserConn: a user connection, not a client, is refused)
     */
    @SuppressWarnings("unchecked")
    private <T> CompletionStage<T> chain(String op, T start, Function<T, ObjectNode> content, Class<?> type,
                                         boolean quietly) {
        List<HttpPluginClient> asked = handling(op);
        if (asked.isEmpty()) {
            return CompletableFuture.completedFuture(start);
        }
        String id = requestId();
        CompletableFuture<T> result = CompletableFuture.completedFuture(start);
        for (HttpPluginClient p : asked) {
            result = result.thenCompose(current -> p.post(op, id, request(op, content.apply(current)))
                    .handle((body, error) -> {
                        if (error != null) {
                            throw failed(op, id, p, describe(error), quietly);
                        }
                        PluginAnswer answer;
                        try {
                            answer = PluginAnswer.parse(body);
                        } catch (IOException e) {
                            throw failed(op, id, p, "unreadable answer: " + e.getMessage(), quietly);
                        }
                        if (answer.reject()) {
                            throw new HookRefusal(answer.rejectReason());
                        }
                        if (answer.unchange()) {
                            return current;
                        }
                        try {
                            return type == null ? (T) answer.content()
                                    : (T) PluginContents.read(answer.content(), type.asSubclass(Message.class));
                        } catch (IOException e) {
                            throw failed(op, id, p, "unreadable content: " + e.getMessage(), quietly);
                        }
                    }));
        }
        return result;
    }

    private static HookRefusal failed(String op, String id, HttpPluginClient p, String why, boolean quietly) {
        if (quietly) {
            log.info("reqid: {} send {} request to plugin [{}] at {} error: {}", id, op, p.name(), p.config().addr(), why);
        } else {
            log.warn("reqid: {} send {} request to plugin [{}] at {} error: {}", id, op, p.name(), p.config().addr(), why);
        }
        return new HookRefusal("send " + op + " request to plugin error");
    }

    private static byte[] request(String op, JsonNode content) {
        ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        body.put("version", API_VERSION);
        body.put("op", op);
        body.set("content", content);
        return PluginContents.bytes(body);
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** frp's request ids: 8 random bytes in hex, one per operation, shared by all its plugins. */
    private static String requestId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
