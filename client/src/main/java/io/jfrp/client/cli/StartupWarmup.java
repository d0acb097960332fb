package io.jfrp.client.cli;

import io.jfrp.certs.TlsContexts;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.protocol.codec.MessageJson;
import io.jfrp.protocol.msg.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.Set;

/**
 * Work that a client's first proxy needs and that nothing before it does, started on a thread of its
 * own as soon as the configuration is read, so that the machine's other core does it while the main
 * thread sets the client up and connects (issue 16: jfrpc's proxy open within a second of launch).
 * <ul>
 *   <li>The TLS provider, when the transport uses TLS: loading BoringSSL and Netty's checks of it,
 *       which start the JDK's own TLS provider as well (some 300 classes, a tenth of a start's CPU).</li>
 *   <li>Jackson's serializers and deserializers of the messages of a login, a proxy's registration and
 *       its first work connection ({@link MessageJson#prepare}).</li>
 * </ul>
 *
 * <h3>Threading</h3>
 * Each step is a class initialisation or a shared cache that the main thread or the event loop would
 * otherwise fill itself when it first needs it. Whichever thread comes first does the work; one that
 * comes while it is under way waits for it (the JVM's class-initialisation lock, Jackson's caches),
 * so the client behaves the same however the two threads interleave. A failure here is left for the
 * main thread to meet, and report, where it would have met it anyway.
 */
final class StartupWarmup {
    private static final Logger log = LoggerFactory.getLogger(StartupWarmup.class);

    /** The messages a client writes and reads from its login to its first proxy's first connection. */
    static final Set<MessageType> FIRST_MESSAGES = EnumSet.of(MessageType.LOGIN, MessageType.LOGIN_RESP,
            MessageType.NEW_PROXY, MessageType.NEW_PROXY_RESP, MessageType.REQ_WORK_CONN,
            MessageType.NEW_WORK_CONN, MessageType.START_WORK_CONN, MessageType.PING, MessageType.PONG);

    private StartupWarmup() {
    }

    /** Starts the warm-up of what {@code config}'s client will need, on a daemon thread; returns it. */
    static Thread start(ClientConfig config) {
        boolean tls = config.transport().protocol().tlsOn(config.tls().enable());
        Thread thread = new Thread(() -> run(tls), "jfrpc-warmup");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void run(boolean tls) {
        try {
            if (tls) {
                TlsContexts.defaultProvider();
            }
            MessageJson.prepare(FIRST_MESSAGES);
        } catch (RuntimeException | LinkageError e) {
            log.debug("start-up warm-up stopped; the client does this work when it needs it", e);
        }
    }
}
