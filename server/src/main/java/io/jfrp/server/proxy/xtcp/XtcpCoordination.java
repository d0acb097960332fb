package io.jfrp.server.proxy.xtcp;

import io.jfrp.config.model.ServerConfig;
import io.jfrp.nathole.NatHoleIds;
import io.jfrp.nathole.coordinator.CoordinatorSettings;
import io.jfrp.nathole.coordinator.NatHoleCoordinator;
import io.jfrp.nathole.coordinator.NatHoleScheduler;
import io.netty.util.concurrent.EventExecutor;

import java.time.InstantSource;

/** Makes jfrps's one xtcp coordinator from its settings (natholeAnalysisDataReserveHours). */
public final class XtcpCoordination {
    private XtcpCoordination() {
    }

    /**
     * @param executor runs the coordinator's timers (the 10 s wait for the owner, the sender's 1 s
     *                 delay, cleaning); a worker loop of the server
     */
    public static NatHoleCoordinator coordinator(ServerConfig config, EventExecutor executor) {
        return new NatHoleCoordinator(CoordinatorSettings.defaults()
                .withAnalysisReserveHours(config.natholeAnalysisDataReserveHours()),
                NatHoleScheduler.of(executor), InstantSource.system(), new NatHoleIds());
    }
}
