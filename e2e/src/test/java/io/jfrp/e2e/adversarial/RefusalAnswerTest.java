package io.jfrp.e2e.adversarial;

import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.RawYamux;
import io.jfrp.protocol.auth.AuthKeys;
import io.jfrp.protocol.codec.MessageCodec;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewVisitorConn;
import io.jfrp.protocol.msg.NewVisitorConnResp;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.StartWorkConn;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

import static io.jfrp.e2e.RawYamux.DATA;
import static io.jfrp.e2e.RawYamux.WINDOW_UPDATE;
import static io.jfrp.mux.YamuxFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first message jfrps refuses, sent together with more (frp messages a client that does not wait
 * for the answer would pipeline: NewWorkConns, up to 200 KiB): the client reads the refusal's answer
 * with its error, then the server's FIN, never a reset. Closed at once, the server's socket had those
 * bytes unread, or received them after its close, and answered with a reset, which loses the answer
 * wherever it was not yet delivered (a segment lost on the way; a Windows peer, which drops what it
 * had received and not read). Plain and TLS, tcpMux on (the message on yamux stream 1) and off: a
 * refused Login (wrong token), NewWorkConn (no such client) and NewVisitorConn (no such proxy).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RefusalAnswerTest extends E2eCase {
    private static final String TOKEN = "refusal-answer";
    /** A yamux Data frame's largest payload here (the stream's window is 256 KiB). */
    private static final int FRAME = 16 * 1024;

    @ParameterizedTest(name = "{0} tls={1} tcpMux={2} followed by {3} bytes")
    @CsvSource({
            "login, false, false, 100", "login, false, false, 65536", "login, false, false, 204800",
            "login, false, true, 100", "login, false, true, 65536", "login, false, true, 204800",
            "login, true, false, 100", "login, true, false, 65536", "login, true, false, 204800",
            "login, true, true, 100", "login, true, true, 65536", "login, true, true, 204800",
            "workConn, false, false, 65536", "workConn, true, false, 65536",
            "workConn, false, true, 65536", "workConn, true, true, 65536",
            "visitorConn, false, false, 65536", "visitorConn, true, false, 65536",
            "visitorConn, false, true, 65536", "visitorConn, true, true, 65536",
    })
    void theRefusalsAnswerArrivesThenAFin(String kind, boolean tls, boolean tcpMux, int more) throws Exception {
        FrpServer server = server(TOKEN, c -> c.withTcpMux(tcpMux));
        int port = server.address().getPort();
        long now = HostilePeer.now();
        Message first = switch (kind) {
            case "login" -> HostilePeer.login("not-" + TOKEN, now, 0);
            case "workConn" -> NewWorkConn.of("no-such-run-id").withAuth(AuthKeys.privilegeKey(TOKEN, now), now);
            default -> new NewVisitorConn("", "no-such-proxy", AuthKeys.signKey("secret", now), now, false, false);
        };
        try (HostilePeer peer = tls ? HostilePeer.connectTlsFrom("127.0.0.1", port)
                : HostilePeer.connectFrom("127.0.0.1", port)) {
            peer.raw(firstAndMore(first, more, tcpMux));
            Message answer = tcpMux ? peer.readOnStream(1) : peer.read();
            String error;
            if (answer instanceof LoginResp r) {
                error = r.error();
            } else if (answer instanceof StartWorkConn r) {
                error = r.error();
            } else if (answer instanceof NewVisitorConnResp r) {
                error = r.error();
            } else {
                throw new AssertionError("unexpected answer " + answer);
            }
            assertThat(answer.getClass().getSimpleName()).isEqualTo(switch (kind) {
                case "login" -> "LoginResp";
                case "workConn" -> "StartWorkConn";
                default -> "NewVisitorConnResp";
            });
            assertThat(error).as("the refusal's error").contains(switch (kind) {
                case "login" -> "token";
                case "workConn" -> "no-such-run-id";
                default -> "no-such-proxy";
            });
            assertThat(peer.endWithin(10_000, tcpMux)).as("how the connection ended after the answer")
                    .isEqualTo(HostilePeer.End.FIN);
        }
    }

    /**
     * {@code first}, then NewWorkConns up to {@code more} bytes, framed as a client sends them: on
     * the connection, or as Data of yamux stream 1 (opened first) in frames of at most 16 KiB.
     */
    private static byte[] firstAndMore(Message first, int more, boolean yamux) throws IOException {
        ByteArrayOutputStream frp = new ByteArrayOutputStream();
        frp.write(MessageCodec.encode(first));
        byte[] filler = MessageCodec.encode(NewWorkConn.of("pipelined"));
        for (int sent = 0; sent < more; sent += filler.length) {
            frp.write(filler);
        }
        if (!yamux) {
            return frp.toByteArray();
        }
        byte[] bytes = frp.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(RawYamux.header(WINDOW_UPDATE, SYN, 1, 0));
        for (int from = 0; from < bytes.length; from += FRAME) {
            int length = Math.min(FRAME, bytes.length - from);
            out.write(RawYamux.header(DATA, 0, 1, length));
            out.write(bytes, from, length);
        }
        return out.toByteArray();
    }
}
