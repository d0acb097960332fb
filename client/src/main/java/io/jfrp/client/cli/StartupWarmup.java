package io.jfrp.client.cli;

import io.jfrp.protocol.codec.MessageJson;
import io.jfrp.protocol.msg.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.Set;

/**
 * Work that a client's first proxy needs and that nothing before it does, started on a thread of its
 * own as soon as the configuration is read, so that the machine's other core does it while the main
 * thread sets the client up and the event loop connects (issue 16: jfrpc's proxy open within a second
 * of launch): Jackson's serializers and deserializers of the messages of a login, a proxy's
 * registration and its first work connection ({@link MessageJson#prepare}), which the event loop would
 * otherwise build between the TLS handshake and the login.
 *
 * <h3>Threading</h3>
 * Jackson's caches are shared and thread-safe, and its core classes are already initialised by then
 * (the configuration file was read with Jackson): an event loop that writes the login while this is
 * under way finds a (de)serializer made, or makes it itself; the bytes are the same. Nothing here
 * touches Netty or a native library: initialising those on two threads at once is how class
 * initialisation deadlocks have come about (netty#5720, netty#7458, netty#10187), so the TLS
 * provider's set-up, which loads BoringSSL, stays on the main thread. A failure here is left for the
 * event loop to meet, and report, where it would have met it anyway.
 */
final class StartupWarmup {
    private static final Logger log = LoggerFactory.getLogger(StartupWarmup.class);

    /** The messages a client writes and reads from its login to its first proxy's first connection. */
    static final Set<MessageType> FIRST_MESSAGES = EnumSet.of(MessageType.LOGIN, MessageType.LOGIN_RESP,
            MessageType.NEW_PROXY, MessageType.NEW_PROXY_RESP, MessageType.REQ_WORK_CONN,
            MessageType.NEW_WORK_CONN, MessageType.START_WORK_CONN, MessageType.PING, MessageType.PONG);

    private StartupWarmup() {
    }

    /** Starts the warm-up on a daemon thread; returns the thread. */
    static Thread start() {
        Thread thread = new Thread(StartupWarmup::run, "jfrpc-warmup");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void run() {
        try {
            MessageJson.prepare(FIRST_MESSAGES);
        } catch (RuntimeException | LinkageError e) {
            log.debug("start-up warm-up stopped; the event loop does this work when it needs it", e);
        }
    }
}
