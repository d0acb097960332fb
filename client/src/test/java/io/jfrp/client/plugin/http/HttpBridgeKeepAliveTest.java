package io.jfrp.client.plugin.http;

import io.jfrp.client.plugin.HttpKeepAliveContract;
import io.jfrp.client.plugin.PluginContext;
import io.jfrp.client.proxy.WorkConnServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The keep-alive rule of each HTTP bridge ({@link HttpKeepAliveContract}), and HTTP/2's end at the FIN. */
class HttpBridgeKeepAliveTest {
    private abstract static class Bridge extends HttpKeepAliveContract {
        private final HttpBridgePlugin.Kind kind;

        Bridge(HttpBridgePlugin.Kind kind) {
            this.kind = kind;
        }

        @Override
        protected WorkConnServer plugin(PluginContext context, long headTimeoutMillis, long upstreamIdleMillis)
                throws IOException {
            return HttpBridgePlugin.create(kind, context, headTimeoutMillis, upstreamIdleMillis);
        }

        @Override
        protected boolean tlsFront() {
            return kind.fromTls;
        }

        @Override
        protected boolean tlsBackend() {
            return kind.toTls;
        }
    }

    @Nested
    class Http2Http extends Bridge {
        Http2Http() {
            super(HttpBridgePlugin.Kind.HTTP2HTTP);
        }
    }

    @Nested
    class Http2Https extends Bridge {
        Http2Https() {
            super(HttpBridgePlugin.Kind.HTTP2HTTPS);
        }
    }

    /**
     * An https bridge with HTTP/2 (ALPN h2): the client's FIN ends the connection (a GOAWAY, then the
     * close, the stream in flight included), as Go's HTTP/2 server ends at the EOF.
     */
    private abstract static class TlsBridge extends Bridge {
        /** Frame types and flags of RFC 9113 used here. */
        private static final int HEADERS = 1;
        private static final int SETTINGS = 4;
        private static final int GOAWAY = 7;
        private static final int END_STREAM = 0x1;
        private static final int END_HEADERS = 0x4;

        TlsBridge(HttpBridgePlugin.Kind kind) {
            super(kind);
        }

        @Test
        void anHttp2ConnectionEndsAtTheClientsFin() throws Exception {
            InetSocketAddress at = servePlugin(LONG_MILLIS, LONG_MILLIS);
            try (Client c = connect(at, "h2")) {
                assertThat(((SSLSocket) c.socket()).getApplicationProtocol()).isEqualTo("h2");
                DataOutputStream out = new DataOutputStream(c.socket().getOutputStream());
                out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                frameHeader(out, 0, SETTINGS, 0, 0);
                byte[] authority = "localhost".getBytes(StandardCharsets.US_ASCII);
                // HPACK: :method GET, :scheme https, :path / (static table), :authority literal
                frameHeader(out, 4 + 1 + authority.length, HEADERS, END_STREAM | END_HEADERS, 1);
                out.write(new byte[]{(byte) 0x82, (byte) 0x87, (byte) 0x84, 0x41, (byte) authority.length});
                out.write(authority);
                out.flush();
                c.fin();

                DataInputStream in = new DataInputStream(c.socket().getInputStream());
                List<Integer> types = new ArrayList<>();
                while (true) {
                    int length;
                    try {
                        length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
                    } catch (EOFException e) {
                        break;
                    }
                    types.add(in.readUnsignedByte());
                    in.skipNBytes(5 + length);
                }
                assertThat(types).as("the frame types received").contains(GOAWAY);
            }
            assertAllServedClosed();
        }

        private static void frameHeader(DataOutputStream out, int length, int type, int flags, int stream)
                throws IOException {
            out.writeShort(length >> 8);
            out.writeByte(length);
            out.writeByte(type);
            out.writeByte(flags);
            out.writeInt(stream);
        }
    }

    @Nested
    class Https2Http extends TlsBridge {
        Https2Http() {
            super(HttpBridgePlugin.Kind.HTTPS2HTTP);
        }
    }

    @Nested
    class Https2Https extends TlsBridge {
        Https2Https() {
            super(HttpBridgePlugin.Kind.HTTPS2HTTPS);
        }
    }
}
