package io.jfrp.server.proxy.udp;

import io.jfrp.config.model.proxy.UdpProxyConfig;
import io.jfrp.protocol.msg.UdpPacket;
import io.jfrp.server.proxy.PortProxy;
import io.jfrp.server.proxy.ProxyContext;
import io.jfrp.server.proxy.ProxyFactory;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * A udp proxy: a public UDP socket on remotePort whose datagrams all travel over one work connection
 * of the client, as UDPPacket messages framed per the session's wire protocol inside the proxy's
 * wrapping (frp's {@code server/proxy/udp.go}).
 *
 * <h3>Lifecycle</h3>
 * {@link #start()} binds the socket and answers {@code ":port"}; half a second later (as frps, so the
 * NewProxyResp is there first) it takes a work connection, sends StartWorkConn without addresses and
 * keeps it for every user. The work connection is read with a {@value #WORK_CONN_READ_TIMEOUT_SECONDS}
 * s deadline, which the client's Ping every 30 s keeps from expiring; when it closes or expires the
 * proxy takes another at once, and while none can be had it tries again every second.
 * {@link #close()} closes the socket, gives the port back and closes the work connection.
 *
 * <h3>Threading</h3>
 * {@code start}, {@code close} and the work-connection bookkeeping run on the control's loop
 * ({@link ProxyContext#executor()}); the socket's handler reads {@link #workConn} from its own loop,
 * hence volatile. The socket is bound on the control's loop, and the work connection serves it from
 * there: with tcpMux it is a stream of the session, on that loop already; without, it is moved there
 * when taken from the pool, so that no datagram is handed from one thread to another (each write to
 * a channel of another loop is a task on that loop, and a flush only queued there).
 */
public final class UdpProxy extends PortProxy<Channel> {
    static final int WORK_CONN_READ_TIMEOUT_SECONDS = 60;
    static final long FIRST_WORK_CONN_DELAY_MILLIS = 500;
    static final long RETRY_DELAY_MILLIS = 1000;
    private static final Logger log = LoggerFactory.getLogger(UdpProxy.class);

    private final int remotePort;
    private final UdpPorts ports;
    private final PublicDatagrams datagrams;
    private Channel socket;
    private volatile Channel workConn;
    private boolean closed;

    private UdpProxy(UdpProxyConfig config, ProxyContext context, UdpPorts ports) {
        super(context);
        this.remotePort = config.remotePort();
        this.ports = ports;
        this.datagrams = new PublicDatagrams(config.name(), () -> workConn, ports.datagramDropped());
    }

    /** The factory of udp proxies on {@code ports}. */
    public static ProxyFactory factory(UdpPorts ports) {
        return (config, context) -> new UdpProxy((UdpProxyConfig) config, context, ports);
    }

    @Override
    protected Future<Channel> bind() {
        return ports.bind(context.runId(), remotePort, datagrams, context.executor());
    }

    @Override
    protected int bound(Channel taken) {
        socket = taken;
        if (closed) {
            ports.close(context.runId(), socket);
            throw new IllegalStateException("proxy closed");
        }
        int port = portOf(socket);
        log.info("proxy [{}]: udp proxy listening on UDP port {}", name(), port);
        context.executor().schedule(this::takeWorkConn, FIRST_WORK_CONN_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        return port;
    }

    /** Takes a work connection for all the proxy's datagrams (control loop). */
    private void takeWorkConn() {
        if (closed) {
            return;
        }
        Channel publicSocket = socket;
        context.bridge().openMessages(publicSocket.eventLoop(), work -> work.pipeline()
                        .addLast("udp-work-conn", new UdpWorkConnHandler(name(), publicSocket, ports.datagramDropped())))
                .addListener(f -> context.executor().execute(() -> {
                    if (f.isSuccess()) {
                        use((Channel) f.getNow());
                    } else if (!closed) {
                        log.debug("proxy [{}]: no udp work connection yet: {}", name(), f.cause().toString());
                        context.executor().schedule(this::takeWorkConn, RETRY_DELAY_MILLIS, TimeUnit.MILLISECONDS);
                    }
                }));
    }

    private void use(Channel work) {
        if (closed) {
            work.close();
            return;
        }
        work.config().setWriteBufferWaterMark(UdpPacket.QUEUE_WATER_MARK);
        Channel old = workConn;
        workConn = work;
        if (old != null) {
            old.close();
        }
        socket.eventLoop().execute(datagrams::drain); // what users sent while there was none
        work.closeFuture().addListener(c -> context.executor().execute(() -> {
            if (workConn == work) {
                workConn = null;
                takeWorkConn();
            }
        }));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (socket != null) {
            ports.close(context.runId(), socket);
        }
        Channel work = workConn;
        workConn = null;
        if (work != null) {
            work.close();
        }
    }
}
