package io.jfrp.client.plugin.http;

import io.jfrp.client.plugin.HttpKeepAliveContract;
import io.jfrp.client.plugin.PluginContext;
import io.jfrp.client.proxy.WorkConnServer;
import org.junit.jupiter.api.Nested;

import java.io.IOException;

/** The keep-alive rule of each HTTP bridge ({@link HttpKeepAliveContract}). */
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

    @Nested
    class Https2Http extends Bridge {
        Https2Http() {
            super(HttpBridgePlugin.Kind.HTTPS2HTTP);
        }
    }

    @Nested
    class Https2Https extends Bridge {
        Https2Https() {
            super(HttpBridgePlugin.Kind.HTTPS2HTTPS);
        }
    }
}
