package io.jfrp.server.control;

import io.jfrp.mux.YamuxStreamChannel;
import io.jfrp.server.security.CloseReason;
import io.jfrp.server.security.Credentials;
import io.jfrp.server.security.PendingConnection;
import io.jfrp.server.security.Refusal;
import io.netty.channel.Channel;
import io.netty.handler.codec.quic.QuicStreamChannel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Whether a connection that names a client's run id (a NewWorkConn, a NewVisitorConn) really comes
 * from that client, judged by what the client cannot hide rather than by the run id alone:
 * <ul>
 *   <li>with tcpMux (or QUIC) it must be a stream of the very session (QUIC connection) that carried
 *   the client's Login;</li>
 *   <li>without tcpMux it must come from the address the control logged in from
 *   (jfrp.security.workConnSameAddress) and, under mutual TLS, with the same client certificate.</li>
 * </ul>
 * Stock frpc opens both kinds this way (a stream of its session, or a new connection from its host).
 * Stateless; called on the connection's event loop.
 */
final class ControlBinding {
    private ControlBinding() {
    }

    /**
     * @param what    what {@code channel} is, for the messages ("work connection", "visitor connection")
     * @param counted the close reason of a refusal
     * @throws Refusal naming what did not match
     */
    static void check(ControlContext server, Channel channel, ServerControl control, String runId, String what,
                      CloseReason counted) throws Refusal {
        Channel controlConnection = PendingConnection.connectionOf(control.channel());
        Channel connection = PendingConnection.connectionOf(channel);
        if (isStream(channel) || isStream(control.channel())) {
            if (connection != controlConnection) {
                throw new Refusal("run id " + runId + " logged in on another session (" + controlConnection.remoteAddress()
                        + ")", what + " not on the session of its control", counted);
            }
            return;
        }
        if (server.security().settings().workConnSameAddress()
                && !Objects.equals(address(connection), address(controlConnection))) {
            throw new Refusal("run id " + runId + " logged in from " + hostOf(controlConnection) + ", not from "
                    + hostOf(connection) + " (jfrp.security.workConnSameAddress)",
                    what + " not from the address of its control", counted);
        }
        X509Certificate controlCertificate = Credentials.peerCertificate(controlConnection);
        if (controlCertificate != null && !controlCertificate.equals(Credentials.peerCertificate(connection))) {
            throw new Refusal("run id " + runId + " logged in with the client certificate of "
                    + controlCertificate.getSubjectX500Principal().getName() + ", the " + what + " with another",
                    what + " not made with the certificate of its control", counted);
        }
    }

    private static boolean isStream(Channel channel) {
        return channel instanceof YamuxStreamChannel || channel instanceof QuicStreamChannel;
    }

    private static InetAddress address(Channel connection) {
        return PendingConnection.peerAddress(connection) instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    private static String hostOf(Channel connection) {
        InetAddress a = address(connection);
        return a == null ? "?" : a.getHostAddress();
    }
}
