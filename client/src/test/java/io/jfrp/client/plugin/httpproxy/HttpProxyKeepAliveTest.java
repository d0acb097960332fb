package io.jfrp.client.plugin.httpproxy;

import io.jfrp.client.plugin.HttpKeepAliveContract;
import io.jfrp.client.plugin.PluginContext;
import io.jfrp.client.proxy.WorkConnServer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keep-alive rule of http_proxy's absolute-form requests ({@link HttpKeepAliveContract}); a
 * CONNECT tunnel, a byte relay after the 200, has no idle limit either.
 */
class HttpProxyKeepAliveTest extends HttpKeepAliveContract {
    @Override
    protected WorkConnServer plugin(PluginContext context, long headTimeoutMillis, long upstreamIdleMillis)
            throws IOException {
        return new HttpProxyPlugin(context, headTimeoutMillis, upstreamIdleMillis);
    }

    @Override
    protected boolean tlsFront() {
        return false;
    }

    @Override
    protected boolean tlsBackend() {
        return false;
    }

    @Override
    protected String target(String path) {
        return "http://127.0.0.1:" + backendPort() + path;
    }

    @Test
    void aConnectTunnelHasNoIdleLimit() throws Exception {
        InetSocketAddress at = servePlugin(SHORT_HEAD_MILLIS, SHORT_HEAD_MILLIS);
        try (Client c = connect(at)) {
            c.send("CONNECT 127.0.0.1:" + backendPort() + " HTTP/1.1\r\nHost: 127.0.0.1:" + backendPort() + "\r\n\r\n");
            assertThat(readHead(c)).isEqualTo("HTTP/1.1 200 OK\r\n\r\n");

            Thread.sleep(4 * SHORT_HEAD_MILLIS);

            c.send("GET /through HTTP/1.1\r\nHost: 127.0.0.1:" + backendPort() + "\r\n\r\n");
            assertAnswered(c);
        }
    }
}
