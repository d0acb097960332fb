package io.jfrp.server.control;

import io.jfrp.nathole.coordinator.NatHoleCoordinator;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NatHoleClient;
import io.jfrp.protocol.msg.NatHoleReport;
import io.jfrp.protocol.msg.NatHoleVisitor;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The xtcp messages of a client's control stream, handed to the server's {@link NatHoleCoordinator}
 * (frp's {@code Control.handleNatHoleVisitor/Client/Report}): NatHoleVisitor from a visitor, with the
 * user of its login; NatHoleClient and NatHoleReport from a proxy's owner. Answers (NatHoleResp) go
 * back on the same control stream; Netty lets the coordinator write them from any thread.
 */
final class NatHoleRouting {
    private static final Logger log = LoggerFactory.getLogger(NatHoleRouting.class);

    private NatHoleRouting() {
    }

    /**
     * Routes {@code msg} when it is one of the three.
     *
     * @param coordinator the server's coordinator, or null when xtcp is off (the messages are dropped)
     * @return whether {@code msg} was an xtcp message
     */
    static boolean route(NatHoleCoordinator coordinator, Message msg, String user, Channel control, String runId) {
        if (!(msg instanceof NatHoleVisitor) && !(msg instanceof NatHoleClient) && !(msg instanceof NatHoleReport)) {
            return false;
        }
        if (coordinator == null) {
            log.debug("client {}: xtcp is off here, dropping {}", runId, msg.type());
            return true;
        }
        if (msg instanceof NatHoleVisitor v) {
            log.debug("client {}: NatHoleVisitor for [{}] (pre-check {})", runId, v.proxyName(), v.preCheck());
            coordinator.handleVisitor(v, user, control::writeAndFlush);
        } else if (msg instanceof NatHoleClient c) {
            log.debug("client {}: NatHoleClient for [{}], sid {}", runId, c.proxyName(), c.sid());
            coordinator.handleClient(c, control::writeAndFlush);
        } else {
            NatHoleReport r = (NatHoleReport) msg;
            log.info("client {}: xtcp punch session {} {}", runId, r.sid(), r.success() ? "succeeded" : "failed");
            coordinator.handleReport(r);
        }
        return true;
    }
}
