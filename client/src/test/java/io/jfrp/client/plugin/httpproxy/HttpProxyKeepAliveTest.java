package io.jfrp.client.plugin.httpproxy;

import io.jfrp.client.plugin.HttpKeepAliveContract;
import io.jfrp.client.plugin.PluginContext;
import io.jfrp.client.proxy.WorkConnServer;

import java.io.IOException;

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
}
