package io.jfrp.bench.load;

import io.jfrp.bench.Stats;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 GETs over keep-alive connections at a fixed total request rate (open loop), latencies
 * in an HdrHistogram.
 *
 * <h3>Schedule and coordinated omission</h3>
 * Request {@code i} is due at {@code start + i / rate} on connection {@code i mod connections}, one
 * request at a time per connection: one that falls due while the previous is unanswered is sent when
 * that answer arrives. Latency runs from the <em>due</em> time, so a stall is charged to every request
 * it delays (wrk2's correction), the client's own lateness too; that lateness is also reported alone
 * as the client lag (from when a request could have gone, due and its connection free, to its write).
 * The same latencies with each request's own client lag taken out are kept beside them ({@link
 * Result#pathLatency}): where the client shares the machine's cores with the path, a send that went late
 * because the client itself ran late is the client's, while waiting for the connection's previous answer
 * stays charged to the path.
 *
 * <h3>Connections</h3>
 * The warm-up and the measured run share the connections: the measured run starts once every
 * warm-up request is answered, on connections whose set-up (and, through a tunnel, whose stream
 * and service connection) are behind them, so the measured latencies are keep-alive requests only.
 * A connection the warm-up lost is replaced before the measured run.
 *
 * <h3>Trace</h3>
 * With the system property {@value LatencyTrace#PROPERTY} set to a directory, the measured run also
 * writes each answered request's due time (wall clock), connection and latency there
 * ({@link LatencyTrace}), to line slow requests up with the JVMs' or the kernel's logs.
 *
 * <h3>Threading</h3>
 * All connections run on one event loop (epoll when available: nanosecond timers), which owns the
 * histograms and counters; the caller reads them after the loop has signalled completion.
 */
public final class HttpLatencyClient {
    /**
     * @param hostHeader      the Host header to send (null: the target's host:port)
     * @param rate            total requests per second over the {@code connections} keep-alive connections
     * @param warmup          a run of its own at the rate, on the same connections, before the measured
     *                        one: it warms the path (JIT, pools, connections) and its backlog does not
     *                        spill over (the measured run starts when it is all answered)
     * @param responseTimeout how long after the last due time unanswered requests are waited for
     */
    public record Settings(InetSocketAddress target, String hostHeader, String path, int connections, double rate,
                           Duration warmup, Duration duration, Duration responseTimeout) {
        public Settings {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(path, "path");
            if (connections < 1) {
                throw new IllegalArgumentException("connections must be at least 1, got " + connections);
            }
            if (!(rate > 0)) {
                throw new IllegalArgumentException("rate must be positive, got " + rate);
            }
            if (duration.isNegative() || duration.isZero() || warmup.isNegative()) {
                throw new IllegalArgumentException("duration must be positive and warmup not negative, got "
                        + duration + " and " + warmup);
            }
        }
    }

    /**
     * @param achievedRate successful responses/s to requests due in the measured part
     * @param latency      due time to full response, measured part only
     * @param sendLag      due time to the request's write (waiting for the previous answer, plus the
     *                     client's own lateness)
     * @param clientLag    the client's own lateness (see the class comment); large values mean a busy
     *                     machine, whose delay the latencies then include
     * @param pathLatency  {@code latency} less each request's own client lag: from its due time (or its
     *                     connection's previous answer, if that came later) to its full response, without
     *                     the client's lateness in sending it (its lateness in reading the answer stays in)
     * @param errors       measured requests without a 200 response (status, closed, timed out)
     */
    public record Result(double targetRate, double achievedRate, long sent, long errors, Stats.Latency latency,
                         Stats.Latency sendLag, Stats.Latency clientLag, Stats.Latency pathLatency,
                         String firstError) {
    }

    /**
     * How far ahead of a request's due time its timer is set; the rest is spun. An epoll loop's timers
     * fire 50-80 µs late here, which every latency would include; spinning costs a few percent of a
     * core at the rates used. NIO's loop already spins through waits under a millisecond.
     */
    private static final long EARLY_NANOS = NettyLoops.epoll() ? 80_000 : 0;

    private final Settings s;
    private final Duration length;
    private final KeepAliveConnections connections;
    private final long intervalNanos;
    private final long totalRequests;
    private final String host;
    private final boolean measured;
    // The rest belongs to the event loop: the schedule's start, the figures and the errors.
    private final Histogram latency = Stats.nanosHistogram();
    private final Histogram sendLag = Stats.nanosHistogram();
    private final Histogram clientLag = Stats.nanosHistogram();
    private final Histogram pathLatency = Stats.nanosHistogram();
    private long startNanos;
    private LatencyTrace trace; // the measured run's, when -Djfrp.bench.trace=DIR
    private long errors;
    private String firstError;

    /** One run of {@code length} over {@code connections}: its schedule and figures. */
    private HttpLatencyClient(Settings s, Duration length, KeepAliveConnections connections, boolean measured) {
        this.s = s;
        this.measured = measured;
        this.length = length;
        this.connections = connections;
        this.intervalNanos = Math.max(1, Math.round(1e9 / s.rate()));
        this.totalRequests = Math.max(1, length.toNanos() / intervalNanos);
        this.host = s.hostHeader() != null ? s.hostHeader() : s.target().getHostString() + ":" + s.target().getPort();
    }

    /** Runs the load and waits for it to end. */
    public static Result run(Settings s) throws IOException, InterruptedException {
        EventLoopGroup group = NettyLoops.newGroup(1);
        KeepAliveConnections connections = new KeepAliveConnections(s.target(), s.connections(), group);
        try {
            if (!s.warmup().isZero()) {
                new HttpLatencyClient(s, s.warmup(), connections, false).execute();
            }
            return new HttpLatencyClient(s, s.duration(), connections, true).execute();
        } finally {
            connections.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    private Result execute() throws IOException, InterruptedException {
        CountDownLatch done = new CountDownLatch(s.connections());
        List<KeepAliveConnections.Slot> slots = connections.open();
        List<Driver> drivers = new ArrayList<>();
        for (int j = 0; j < slots.size(); j++) {
            drivers.add(new Driver(j, slots.get(j), done));
        }
        EventLoop loop = connections.loop();
        // Start a little ahead so that every connection's first timer is set before it is due.
        loop.submit(() -> {
            startNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            trace = measured ? LatencyTrace.ifEnabled(s.target().getPort(), startNanos) : null;
            drivers.forEach(Driver::start);
        }).sync();
        long waitNanos = length.toNanos() + s.responseTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
        boolean finished = done.await(waitNanos, TimeUnit.NANOSECONDS);
        return loop.submit(() -> {
            if (!finished) {
                for (Driver d : drivers) {
                    d.abandon("no response within " + s.responseTimeout().toMillis() + " ms of the last due time");
                }
            }
            drivers.forEach(Driver::detach);
            if (trace != null) {
                trace.write();
            }
            return new Result(s.rate(), latency.getTotalCount() / (length.toNanos() / 1e9), sendLag.getTotalCount(),
                    errors, Stats.Latency.of(latency), Stats.Latency.of(sendLag), Stats.Latency.of(clientLag),
                    Stats.Latency.of(pathLatency), firstError);
        }).sync().getNow();
    }

    /**
     * The client's own lateness in sending a request: from when it could have gone (due, and its
     * connection free of the previous answer) to its write at {@code sentNanos}.
     */
    static long clientLagNanos(long dueNanos, long freeSinceNanos, long sentNanos) {
        return Math.max(0, sentNanos - Math.max(dueNanos, freeSinceNanos));
    }

    /**
     * A request's latency from its due time to its answer, less its own client lag: a wait for the
     * connection's previous answer stays in (the path's: coordinated omission), the client's lateness
     * in sending does not.
     */
    static long pathLatencyNanos(long dueNanos, long clientLagNanos, long answeredNanos) {
        return answeredNanos - dueNanos - clientLagNanos;
    }

    private long dueNanos(long request) {
        return startNanos + request * intervalNanos;
    }

    private void error(String what) {
        errors++;
        firstError = firstError != null ? firstError : what;
    }

    /** One connection's part of a run: requests j, j+C, j+2C, ... of the run, one at a time. */
    private final class Driver implements KeepAliveConnections.Listener {
        private final int index;
        private final KeepAliveConnections.Slot slot;
        private final CountDownLatch done;
        private long next;            // the run's number of the next request this connection sends
        private long inFlightDue = -1; // due time of the unanswered request, -1 when none
        private long freeSince;        // when the last answer arrived (the connection became free)
        private long inFlightLag;      // the unanswered request's client lag
        private boolean finished;
        private boolean abandoned;     // errors counted for what was left; the connection is suspect

        Driver(int index, KeepAliveConnections.Slot slot, CountDownLatch done) {
            this.index = index;
            this.slot = slot;
            this.done = done;
            this.next = index;
        }

        /** Takes the slot's connection and schedules the first request. Event loop only. */
        void start() {
            slot.listen(this);
            if (!slot.channel().isActive()) {
                abandon("connection closed by " + s.target());
                return;
            }
            scheduleNext();
        }

        /**
         * Leaves the slot's connection at the run's end; one this run abandoned is closed (an answer
         * may still be on its way), so the next run opens another. Event loop only.
         */
        void detach() {
            slot.listen(null);
            if (abandoned) {
                slot.channel().close();
            }
        }

        /** Sends the next request when it is due, or finishes when this connection has none left. */
        void scheduleNext() {
            if (next >= totalRequests) {
                finish();
                return;
            }
            long delay = dueNanos(next) - System.nanoTime() - EARLY_NANOS;
            if (delay <= 0) {
                send();
            } else {
                slot.channel().eventLoop().schedule(this::send, delay, TimeUnit.NANOSECONDS);
            }
        }

        private void send() {
            if (finished || inFlightDue >= 0) {
                return;
            }
            long due = dueNanos(next);
            while (System.nanoTime() < due) {
                Thread.onSpinWait(); // woken EARLY_NANOS ahead: wait out the rest (at most that)
            }
            next += s.connections();
            inFlightDue = due;
            long now = System.nanoTime();
            sendLag.recordValue(Math.max(0, now - due));
            inFlightLag = clientLagNanos(due, freeSince, now);
            clientLag.recordValue(inFlightLag);
            var req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, s.path());
            req.headers().set(HttpHeaderNames.HOST, host);
            slot.channel().writeAndFlush(req).addListener(f -> {
                if (!f.isSuccess()) {
                    abandon("write failed: " + f.cause());
                }
            });
        }

        @Override
        public void response(FullHttpResponse response) {
            if (inFlightDue < 0) {
                error("a response nobody asked for");
                return;
            }
            long now = System.nanoTime();
            if (!response.status().equals(HttpResponseStatus.OK)) {
                error("status " + response.status() + " from " + s.target());
            } else {
                latency.recordValue(Math.min(now - inFlightDue, latency.getHighestTrackableValue()));
                pathLatency.recordValue(Math.min(pathLatencyNanos(inFlightDue, inFlightLag, now),
                        latency.getHighestTrackableValue()));
                if (trace != null) {
                    trace.record(inFlightDue, index, now - inFlightDue);
                }
            }
            inFlightDue = -1;
            freeSince = now;
            scheduleNext();
        }

        @Override
        public void closed() {
            abandon("connection closed by " + s.target());
        }

        @Override
        public void failed(Throwable cause) {
            abandon("connection failed: " + cause);
        }

        /** Counts what this connection has not completed as errors and stops it. */
        void abandon(String why) {
            if (finished) {
                return;
            }
            abandoned = true;
            long unsent = next >= totalRequests ? 0 : (totalRequests - 1 - next) / s.connections() + 1;
            long lost = unsent + (inFlightDue >= 0 ? 1 : 0);
            for (long i = 0; i < lost; i++) {
                error("connection " + index + ": " + why);
            }
            inFlightDue = -1;
            finish();
        }

        private void finish() {
            if (!finished) {
                finished = true;
                done.countDown();
            }
        }
    }
}
