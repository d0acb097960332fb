package io.jfrp.bench.mux;

import io.jfrp.mux.YamuxSession;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.Future;

/** Opens a "stream" with a handler: a yamux stream on one session, or a new TCP connection. */
interface StreamOpener {
    Future<? extends Channel> open(ChannelHandler handler);

    String describe();

    static StreamOpener yamux(YamuxSession session) {
        return new StreamOpener() {
            @Override
            public Future<? extends Channel> open(ChannelHandler handler) {
                return session.openStream(handler);
            }

            @Override
            public String describe() {
                return "yamux " + session.role().name().toLowerCase(java.util.Locale.ROOT) + " session on "
                        + session.channel();
            }
        };
    }

    /** Each stream is a new connection made by {@code bootstrap} (already told where to connect). */
    static StreamOpener tcp(Bootstrap bootstrap) {
        return new StreamOpener() {
            @Override
            public Future<? extends Channel> open(ChannelHandler handler) {
                io.netty.channel.ChannelFuture f = bootstrap.clone().handler(handler).connect();
                io.netty.util.concurrent.Promise<Channel> p = f.channel().eventLoop().newPromise();
                f.addListener(x -> {
                    if (x.isSuccess()) {
                        p.trySuccess(f.channel());
                    } else {
                        p.tryFailure(x.cause());
                    }
                });
                return p;
            }

            @Override
            public String describe() {
                return "plain TCP, one connection per stream";
            }
        };
    }
}
