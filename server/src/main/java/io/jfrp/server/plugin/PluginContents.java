package io.jfrp.server.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jfrp.protocol.codec.MessageJson;
import io.jfrp.protocol.msg.GoKeyOrder;
import io.jfrp.protocol.msg.Message;
import io.jfrp.server.control.ClientIdentity;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Iterator;

/**
 * The {@code content} of each server-plugin operation, in frp's JSON: the message's own fields as frp
 * writes them ({@link MessageJson}, Go's omitempty), plus {@code user} ({@code {user, metas, run_id}})
 * first for every operation but Login, and {@code client_address} for Login. Reading back takes a
 * content object as the message (the extra fields dropped), with the same strict Go rules.
 */
final class PluginContents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PluginContents() {
    }

    /** frp's {@code UserInfo}; a client without metadata has {@code "metas":null}, as Go writes a nil map. */
    static ObjectNode user(ClientIdentity client) {
        ObjectNode user = JSON.createObjectNode();
        user.put("user", client.user());
        if (client.metas().isEmpty()) {
            user.putNull("metas");
        } else {
            ObjectNode metas = user.putObject("metas");
            client.metas().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey(GoKeyOrder.COMPARATOR))
                    .forEach(e -> metas.put(e.getKey(), e.getValue()));
        }
        user.put("run_id", client.runId());
        return user;
    }

    /** {@code user} first, then the fields of {@code message}. */
    static ObjectNode withUser(ClientIdentity client, Message message) {
        ObjectNode content = JSON.createObjectNode();
        content.set("user", user(client));
        fields(message).fields().forEachRemaining(e -> content.set(e.getKey(), e.getValue()));
        return content;
    }

    /** The fields of {@code message}, then {@code client_address} ("ip:port") when known. */
    static ObjectNode login(Message login, SocketAddress client) {
        ObjectNode content = fields(login);
        if (client instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String ip = inet.getAddress().getHostAddress();
            content.put("client_address", (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + inet.getPort());
        }
        return content;
    }

    /** The message in {@code content} (fields it does not have ignored); an error when a field has the wrong type. */
    static <T extends Message> T read(JsonNode content, Class<T> type) throws IOException {
        ObjectNode copy = content.isObject() ? ((ObjectNode) content).deepCopy() : JSON.createObjectNode();
        for (Iterator<String> it = copy.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            // the UserInfo object added by withUser, not Login's own "user" (a string)
            boolean userInfo = name.equalsIgnoreCase("user") && copy.get(name).isObject();
            if (userInfo || name.equalsIgnoreCase("client_address")) {
                it.remove();
            }
        }
        T message = MessageJson.readValue(JSON.writeValueAsBytes(copy), type);
        if (message == null) {
            throw new IOException("content is null");
        }
        return message;
    }

    private static ObjectNode fields(Message message) {
        try {
            return (ObjectNode) JSON.readTree(MessageJson.write(message));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read back " + message.type() + " as JSON", e);
        }
    }

    /**
     * A request body as frps's {@code json.Marshal} writes it: compact, in the order built here (struct
     * order; map keys in Go's order), {@code < > &} and U+2028/U+2029 escaped, other characters raw.
     */
    static byte[] bytes(JsonNode node) {
        try {
            return MessageJson.writeValue(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
