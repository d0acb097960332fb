package io.jfrp.server.monitor;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The clients jfrps knows, by key, as frp 0.70's {@code server/registry} keeps them.
 *
 * <h3>Keys</h3>
 * A client's key is {@code user.clientID}, or the id alone when it has no user; the id is the
 * configured {@code clientID}, else the run id. A client with a configured id keeps its record
 * across sessions (first connection time, disconnection time, offline state); one without is
 * forgotten when it disconnects, since its next session has another run id anyway.
 *
 * <h3>Conflicts</h3>
 * A configured client id is unique per user: {@link #register} refuses a login whose key is online
 * under another run id, and the server rejects that login with
 * {@code client_id [id] for user [user] is already online}. This is part of login, so the registry
 * exists whether or not a web server runs.
 *
 * <p>Thread-safe (one lock).
 */
public final class ClientRegistry {
    private final Clock clock;
    private final Map<String, Mutable> clients = new LinkedHashMap<>();
    private final Map<String, String> keyByRunId = new HashMap<>();

    private static final class Mutable {
        final String key;
        final String user;
        String rawClientId = "";
        String runId = "";
        String hostname = "";
        String clientIp = "";
        String version = "";
        String wireProtocol = "";
        Instant firstConnectedAt;
        Instant lastConnectedAt;
        Instant disconnectedAt;
        boolean online;
        /** The session that registered last: only it may mark the client offline. */
        ClientSession session;

        Mutable(String key, String user, Instant now) {
            this.key = key;
            this.user = user;
            this.firstConnectedAt = now;
        }

        ClientRecord snapshot() {
            return new ClientRecord(key, user, rawClientId, runId, hostname, clientIp, version, wireProtocol,
                    firstConnectedAt, lastConnectedAt, disconnectedAt, online);
        }
    }

    /** The outcome of {@link #register}: the client's key, and whether it was refused. */
    public record Registration(String key, boolean conflict) {
    }

    public ClientRegistry(Clock clock) {
        this.clock = clock;
    }

    /** frp's key: {@code user.id}, or whichever of the two is not empty. */
    public static String keyOf(String user, String id) {
        if (user.isEmpty()) {
            return id;
        }
        return id.isEmpty() ? user : user + "." + id;
    }

    /**
     * Records a login. Refused ({@code conflict}) when the client has a configured id whose key is
     * online under another run id; nothing changes then.
     */
    public synchronized Registration register(ClientSession session) {
        if (session.runId().isEmpty()) {
            return new Registration("", false);
        }
        String key = keyOf(session.user(), session.effectiveClientId());
        boolean enforceUnique = !session.clientId().isEmpty();
        Instant now = clock.instant();
        Mutable info = clients.get(key);
        if (enforceUnique && info != null && info.online && !info.runId.isEmpty() && !info.runId.equals(session.runId())) {
            return new Registration(key, true);
        }
        if (info == null) {
            info = new Mutable(key, session.user(), now);
            clients.put(key, info);
        } else if (!info.runId.isEmpty()) {
            keyByRunId.remove(info.runId);
        }
        info.rawClientId = session.clientId();
        info.runId = session.runId();
        info.hostname = session.hostname();
        info.clientIp = session.clientIp();
        info.version = session.version();
        info.wireProtocol = session.wireProtocol();
        info.lastConnectedAt = now;
        info.disconnectedAt = null;
        info.online = true;
        info.session = session;
        keyByRunId.put(session.runId(), key);
        return new Registration(key, false);
    }

    /** The session {@code runId} ended: forget a client without configured id, else mark it offline. */
    public synchronized void markOffline(String runId) {
        String key = keyByRunId.get(runId);
        Mutable info = key == null ? null : clients.get(key);
        if (info != null) {
            markOffline(info.session);
        } else {
            keyByRunId.remove(runId);
        }
    }

    /**
     * {@code session} ended: as {@link #markOffline(String)}, unless another login has registered
     * since (a client that reconnected with its run id before the server saw its old session end,
     * which the old one's end must not mark offline).
     */
    public synchronized void markOffline(ClientSession session) {
        String runId = session.runId();
        String key = keyByRunId.get(runId);
        Mutable info = key == null ? null : clients.get(key);
        if (info == null || info.session != session) {
            return;
        }
        keyByRunId.remove(runId);
        if (info.runId.equals(runId)) {
            if (info.rawClientId.isEmpty()) {
                clients.remove(key);
            } else {
                info.runId = "";
                info.online = false;
                info.disconnectedAt = clock.instant();
            }
        }
    }

    /** Every known client, in first-registration order. */
    public synchronized List<ClientRecord> list() {
        return clients.values().stream().map(Mutable::snapshot).toList();
    }

    /** The client with {@code key}. */
    public synchronized Optional<ClientRecord> byKey(String key) {
        return Optional.ofNullable(clients.get(key)).map(Mutable::snapshot);
    }
}
