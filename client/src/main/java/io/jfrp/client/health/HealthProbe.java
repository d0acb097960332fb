package io.jfrp.client.health;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;

/**
 * One check of a local service, as frp's health monitor does it ({@link TcpProbe}: the port accepts a
 * connection; {@link HttpProbe}: a GET answers 2xx). Each check runs on the given event loop and
 * finishes, one way or the other, within the timeout it was made with.
 */
public interface HealthProbe {
    /**
     * Starts one check on {@code loop}. The future succeeds when the service passed, fails with why
     * not (refused, timed out, a status other than 2xx).
     */
    Future<Void> check(EventLoop loop);
}
