package io.jfrp.protocol.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoOps;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.util.concurrent.ThreadAwareExecutor;

/**
 * Netty's epoll transport with a workaround that keeps a socket writable after its peer half-closed.
 *
 * <p>The problem (Netty 4.2.18 to at least 4.2.21): when a channel asks for no events at all, which
 * a socket whose input has ended (ALLOW_HALF_CLOSURE) does as soon as nothing is pending to write,
 * {@code EpollIoHandler}'s registration takes the fd out of epoll ({@code EPOLL_CTL_DEL}) but keeps
 * believing it is in. The next time a write meets a full socket buffer the channel asks for
 * EPOLLOUT, which becomes {@code EPOLL_CTL_MOD} and fails with ENOENT; Netty then shuts the output
 * down and drops what was pending, so the peer gets a FIN after a few MiB of a larger answer. A
 * tunnel that carries half-close (a request, FIN, then a large answer to a slow reader) meets exactly
 * this; NIO does not.
 *
 * <p>The workaround: every registration is wrapped, and "no events" is submitted as {@code EPOLLET}
 * with no event bits instead. The fd stays in epoll, so a later EPOLLOUT is a plain modification; and
 * being edge-triggered with nothing asked, it wakes the loop at most once when the socket errors or
 * hangs up (epoll always reports those), where a level-triggered registration would report a hung-up
 * socket on every poll until it is closed. Everything else is Netty's handler unchanged.
 *
 * <p>Loops built from {@link #newFactory()} run an {@link Handler}, not an {@link EpollIoHandler}, so
 * {@code IoEventLoopGroup.isIoType(EpollIoHandler.class)} is false for them: ask {@link #runs} instead.
 * Thread-safe (the handler's methods are Netty's, called on its loop).
 */
public final class HalfCloseSafeEpoll {
    private HalfCloseSafeEpoll() {
    }

    /**
     * Whether the programs run epoll: where it is available, unless {@code -Djfrp.epoll=false} keeps
     * them on NIO. Epoll costs no more CPU per byte on the tunnel's path and a held connection less
     * heap (no JDK socket object); docs/PERFORMANCE.md's "Event loops" has the figures.
     */
    public static boolean chosen() {
        return Boolean.parseBoolean(System.getProperty("jfrp.epoll", "true")) && Epoll.isAvailable();
    }

    /** An epoll handler factory for {@code MultiThreadIoEventLoopGroup}, with the workaround. */
    public static IoHandlerFactory newFactory() {
        IoHandlerFactory epoll = EpollIoHandler.newFactory();
        return new IoHandlerFactory() {
            @Override
            public IoHandler newHandler(ThreadAwareExecutor executor) {
                return new Handler(epoll.newHandler(executor));
            }

            @Override
            public boolean isChangingThreadSupported() {
                return epoll.isChangingThreadSupported();
            }
        };
    }

    /** Whether {@code group}'s loops run epoll (plain Netty or this workaround), so take epoll channels. */
    public static boolean runs(EventLoopGroup group) {
        return group.next() instanceof IoEventLoop loop
                && (loop.isIoType(Handler.class) || loop.isIoType(EpollIoHandler.class));
    }

    /** {@link EpollIoHandler} with every registration wrapped in a {@link KeptRegistration}. */
    static final class Handler implements IoHandler {
        private final IoHandler epoll;

        Handler(IoHandler epoll) {
            this.epoll = epoll;
        }

        @Override
        public void initialize() {
            epoll.initialize();
        }

        @Override
        public int run(IoHandlerContext context) {
            return epoll.run(context);
        }

        @Override
        public void prepareToDestroy() {
            epoll.prepareToDestroy();
        }

        @Override
        public void destroy() {
            epoll.destroy();
        }

        @Override
        public IoRegistration register(IoHandle handle) throws Exception {
            return new KeptRegistration(epoll.register(handle));
        }

        @Override
        public void wakeup() {
            epoll.wakeup();
        }

        @Override
        public boolean isCompatible(Class<? extends IoHandle> handleType) {
            return epoll.isCompatible(handleType);
        }
    }

    /** A registration that submits "no events" as edge-triggered nothing, keeping the fd in epoll. */
    static final class KeptRegistration implements IoRegistration {
        private final IoRegistration epoll;

        KeptRegistration(IoRegistration epoll) {
            this.epoll = epoll;
        }

        @Override
        public <T> T attachment() {
            return epoll.attachment();
        }

        @Override
        public long submit(IoOps ops) {
            EpollIoOps asked = (EpollIoOps) ops;
            return epoll.submit(asked.value() == 0 ? EpollIoOps.EPOLLET : asked);
        }

        @Override
        public boolean isValid() {
            return epoll.isValid();
        }

        @Override
        public boolean cancel() {
            return epoll.cancel();
        }
    }
}
