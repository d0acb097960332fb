package io.jfrp.server.ssh;

import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.ConnectionServiceRequestHandler;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;

import java.util.function.Function;

/**
 * The {@code tcpip-forward} global request ({@code ssh -R}), which on the gateway does not open a
 * port: it tells the tunnel which forwarding the client will accept channels for. Like frp, the first
 * request counts, every request is answered with success, and the port asked for is not used (the
 * proxy's remote port comes from the command). {@code cancel-tcpip-forward} is answered with success.
 */
final class TunnelRequests implements ConnectionServiceRequestHandler {
    static final String FORWARD = "tcpip-forward";
    static final String CANCEL = "cancel-tcpip-forward";

    private final Function<Session, TunnelSession> tunnels;

    TunnelRequests(Function<Session, TunnelSession> tunnels) {
        this.tunnels = tunnels;
    }

    @Override
    public Result process(ConnectionService service, String request, boolean wantReply, Buffer buffer) {
        if (CANCEL.equals(request)) {
            return Result.ReplySuccess;
        }
        if (!FORWARD.equals(request)) {
            return Result.Unsupported;
        }
        String host = buffer.getString();
        int port = (int) buffer.getUInt();
        Session session = service.getSession();
        tunnels.apply(session).forwardRequested(host, port);
        if (!wantReply) {
            return Result.Replied;
        }
        if (port != 0) {
            return Result.ReplySuccess;
        }
        // A port of 0 asks the server to choose one: the answer names it. The gateway has no port of
        // its own; the client gets 0 back, and the channels it is offered name 0 too.
        Buffer reply = session.createBuffer(SshConstants.SSH_MSG_REQUEST_SUCCESS, Integer.BYTES);
        reply.putUInt(0);
        try {
            session.writePacket(reply);
        } catch (java.io.IOException e) {
            session.close(true);
        }
        return Result.Replied;
    }
}
