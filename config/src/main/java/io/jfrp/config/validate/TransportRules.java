package io.jfrp.config.validate;

import com.typesafe.config.Config;
import io.jfrp.config.model.ProxyUrl;
import io.jfrp.config.model.TransportProtocol;
import io.jfrp.config.schema.ConfigScope;
import io.jfrp.config.schema.FrpSchema;

/**
 * The rules of the transport keys that one key's own checks cannot see: a proxyURL jfrpc can use
 * (http, https or socks5 with a host and port; frp's ntlm is refused by name) and only with a transport
 * that runs over TCP; kcpBindPort and quicBindPort not the same UDP port. Run on the normalised user
 * configuration (values already type-checked; {@code transport.protocol} already one of frp's).
 */
final class TransportRules {
    private static final String PROTOCOL = "transport.protocol";
    private static final String PROXY_URL = "transport.proxyURL";

    private final ConfigScope root;

    TransportRules(ConfigScope root) {
        this.root = root;
    }

    void check(Config user, Problems run) {
        if (root == FrpSchema.CLIENT) {
            proxyUrl(user, run);
        } else if (root == FrpSchema.SERVER) {
            udpPorts(user, run);
        }
    }

    private static void proxyUrl(Config user, Problems run) {
        if (!user.hasPath(PROXY_URL)) {
            return;
        }
        try {
            ProxyUrl.parse(user.getString(PROXY_URL));
        } catch (IllegalArgumentException e) {
            run.error(user.getValue(PROXY_URL).origin(), PROXY_URL, "'" + PROXY_URL + "': " + e.getMessage());
            return;
        }
        if (user.hasPath(PROTOCOL)) {
            TransportProtocol protocol = TransportProtocol.fromFrpName(user.getString(PROTOCOL));
            if (!protocol.overTcp()) {
                run.error(user.getValue(PROXY_URL).origin(), PROXY_URL, "'" + PROXY_URL + "' cannot carry "
                        + PROTOCOL + " = \"" + protocol.frpName() + "\": a proxy carries TCP (tcp, websocket, wss)"
                        + (protocol == TransportProtocol.QUIC ? "; frp ignores it for quic" : ""));
            }
        }
    }

    private static void udpPorts(Config user, Problems run) {
        if (user.hasPath("kcpBindPort") && user.hasPath("quicBindPort")
                && user.getInt("kcpBindPort") == user.getInt("quicBindPort")) {
            run.error(user.getValue("quicBindPort").origin(), "quicBindPort", "'kcpBindPort' and 'quicBindPort' are"
                    + " both UDP port " + user.getInt("quicBindPort") + "; give them different ports");
        }
    }
}
