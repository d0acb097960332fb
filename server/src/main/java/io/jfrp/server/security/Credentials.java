package io.jfrp.server.security;

import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.ServerUser;
import io.jfrp.protocol.auth.AuthVerifier;
import io.jfrp.protocol.auth.AuthenticationException;
import io.jfrp.protocol.auth.TokenAuthenticator;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.msg.Login;
import io.jfrp.server.auth.ServerAuth;
import io.netty.channel.Channel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Whose credential a Login carries. A Login whose {@code user} is in jfrp.users is checked against that
 * user's token, and, when the user has a certSubject, against the client certificate of its
 * connection; any other Login by the configured auth.method, as stock frps does: the shared
 * auth.token, or OIDC ({@link ServerAuth}). Immutable and thread-safe.
 */
public final class Credentials {
    private final AuthVerifier shared;
    private final CryptoKey sharedKey;
    private final Map<String, AuthenticatedClient> users = new HashMap<>();

    Credentials(ServerConfig config, Clock clock) {
        this.shared = config.auth().isOidc() ? ServerAuth.verifier(config) // reads the issuer's keys now
                : new TokenAuthenticator(config.auth().token(), config.auth().additionalScopes(), config.loginMaxSkew(),
                        clock);
        this.sharedKey = CryptoKey.fromSecret(config.auth().token());
        for (ServerUser u : config.security().users()) {
            users.put(u.name(), new AuthenticatedClient(u.name(), u,
                    new TokenAuthenticator(u.token(), config.auth().additionalScopes(), config.loginMaxSkew(), clock),
                    CryptoKey.fromSecret(u.token())));
        }
    }

    /**
     * The identity {@code login} proves on {@code channel} (a connection or a yamux stream).
     *
     * @throws Refusal when its key is wrong or stale, or its certificate is not the user's
     */
    public AuthenticatedClient identify(Login login, Channel channel) throws Refusal {
        AuthenticatedClient user = users.get(login.user());
        if (user == null) {
            try {
                shared.verifyLogin(login);
            } catch (AuthenticationException e) {
                throw Refusal.of(e, CloseReason.LOGIN_REFUSED);
            }
            return shared(login.user());
        }
        String subject = user.tableUser().certSubject();
        if (!subject.isEmpty()) {
            X509Certificate cert = peerCertificate(channel);
            if (cert == null || !new X500Principal(subject).equals(cert.getSubjectX500Principal())) {
                throw new Refusal("login as user '" + user.user() + "': the client certificate's subject is "
                        + (cert == null ? "missing" : "'" + cert.getSubjectX500Principal().getName() + "'")
                        + ", not '" + subject + "'", "client certificate does not match user " + user.user(),
                        CloseReason.LOGIN_REFUSED);
            }
        }
        try {
            user.authenticator().verifyLogin(login);
        } catch (AuthenticationException e) {
            throw new Refusal("user '" + user.user() + "': " + e.getMessage(), e.responseError(true),
                    CloseReason.LOGIN_REFUSED);
        }
        return user;
    }

    /** A client of the shared auth.token (or OIDC) whose Login named {@code user} (not a table user). */
    public AuthenticatedClient shared(String user) {
        return new AuthenticatedClient(user, null, shared, sharedKey);
    }

    /** Whether {@code name} is a user of jfrp.users. */
    public boolean isTableUser(String name) {
        return users.containsKey(name);
    }

    /** The names of jfrp.users. */
    public java.util.Set<String> tableUsers() {
        return java.util.Collections.unmodifiableSet(users.keySet());
    }

    /**
     * The client certificate the peer of {@code channel}'s connection presented, or null (no TLS, or
     * no certificate asked for or given).
     */
    public static X509Certificate peerCertificate(Channel channel) {
        SSLEngine engine = tlsEngine(channel);
        if (engine == null) {
            return null;
        }
        try {
            Certificate[] chain = engine.getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /**
     * Whether {@code channel}'s connection is under TLS (TCP, KCP or WebSocket with TLS, QUIC): what
     * it carried cannot have been copied off the wire.
     */
    public static boolean underTls(Channel channel) {
        return tlsEngine(channel) != null;
    }

    /** The TLS engine of {@code channel}'s connection (QUIC's own), or null when it has none. */
    private static SSLEngine tlsEngine(Channel channel) {
        Channel connection = PendingConnection.connectionOf(channel);
        if (connection instanceof QuicChannel quic) {
            return quic.sslEngine();
        }
        SslHandler ssl = connection.pipeline().get(SslHandler.class);
        return ssl == null ? null : ssl.engine();
    }
}
