package io.jfrp.nathole.coordinator;

import io.jfrp.nathole.NatHoleIds;
import io.jfrp.nathole.analysis.PunchAnalyzer;
import io.jfrp.nathole.analysis.PunchPlan;
import io.jfrp.nathole.analysis.PunchPlanner;
import io.jfrp.nathole.analysis.PunchRole;
import io.jfrp.protocol.msg.NatHoleClient;
import io.jfrp.protocol.msg.NatHoleDetectBehavior;
import io.jfrp.protocol.msg.NatHoleReport;
import io.jfrp.protocol.msg.NatHoleResp;
import io.jfrp.protocol.msg.NatHoleVisitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What frps does for xtcp (frp's {@code nathole.Controller}): it knows the registered xtcp proxies,
 * opens a session per NatHoleVisitor, hands the session id to the proxy's owner, waits for the
 * owner's NatHoleClient, plans the punch ({@link PunchPlanner}) and sends each side its NatHoleResp,
 * and scores the plan when the owner reports success.
 *
 * <h3>Sequence of one session</h3>
 * <ol>
 * <li>{@link #handleVisitor} with {@code pre_check}: answered at once (error if the proxy is unknown
 *     or the visitor's user is not allowed).</li>
 * <li>{@link #handleVisitor} without it: the proxy must exist, the sign key must match its secret
 *     key and the user must be allowed; a sid is made and passed to the proxy's {@link SidDelivery};
 *     the session waits {@code clientTimeout} (10 s) for the owner, then is dropped silently (as
 *     frp: the visitor stopped waiting after 5 s anyway).</li>
 * <li>{@link #handleClient}: the owner's addresses arrive; the plan is made; the receiver's response
 *     is sent at once, the sender's {@code senderDelay} (1 s) later; a plan that fails (an address
 *     that cannot be classified) sends both sides an error instead.</li>
 * <li>{@link #handleReport}: the owner's NatHoleReport; a success adds to the plan's score. The
 *     session is forgotten the client's read timeout plus {@code retentionExtra} (30 s) after the
 *     responses went out.</li>
 * </ol>
 *
 * <h3>Where we differ from frp (compatible)</h3>
 * The allow list is checked again for the real request, not only at pre-check (a stock visitor always
 * pre-checks, so nothing it does changes). A NatHoleClient must name the session's proxy, only the
 * first one counts, and only the first report of a session is scored (frp overwrites and adds each).
 * Sessions in progress and remembered NAT pairs are bounded ({@link CoordinatorSettings}).
 *
 * <h3>Threading</h3>
 * Thread-safe: every control connection calls in from its own event loop; state is guarded by one
 * lock. Sinks and deliveries are called without the lock, from the caller's thread or the
 * scheduler's; jfrps's sinks write to a control channel, which Netty allows from any thread.
 */
public final class NatHoleCoordinator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NatHoleCoordinator.class);

    private final CoordinatorSettings settings;
    private final NatHoleScheduler scheduler;
    private final NatHoleIds ids;
    private final PunchAnalyzer analyzer;
    private final PunchPlanner planner;
    private final Object lock = new Object();
    /** Registered xtcp proxies by wire name; guarded by lock. */
    private final Map<String, Registration> proxies = new HashMap<>();
    /** Sessions by sid, from NatHoleVisitor until forgotten; guarded by lock. */
    private final Map<String, Session> sessions = new HashMap<>();
    /** The next analysis cleaning; guarded by lock. */
    private NatHoleScheduler.Cancellable cleaning;
    private boolean closed;

    /**
     * @param settings  timings and limits
     * @param scheduler runs delayed work
     * @param clock     time for ids and the analysis data's age
     * @param ids       makes session ids
     */
    public NatHoleCoordinator(CoordinatorSettings settings, NatHoleScheduler scheduler, InstantSource clock,
                              NatHoleIds ids) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.analyzer = new PunchAnalyzer(settings.analysisReserve(), clock, settings.maxAnalysisRecords());
        this.planner = new PunchPlanner(analyzer);
        synchronized (lock) {
            cleaning = scheduler.schedule(this::clean, settings.cleanInterval());
        }
    }

    /**
     * Registers an xtcp proxy (frp's {@code ListenClient}).
     *
     * @param name       the proxy's wire name ({@code user.name})
     * @param secretKey  its {@code sk}
     * @param allowUsers its {@code allow_users}; {@code "*"} allows anyone
     * @param delivery   how session ids reach the proxy's owner
     * @throws IllegalStateException "proxy [name] is repeated" if it is registered already
     */
    public void registerProxy(String name, String secretKey, List<String> allowUsers, SidDelivery delivery) {
        Registration r = new Registration(name, secretKey, List.copyOf(allowUsers), delivery);
        synchronized (lock) {
            if (proxies.putIfAbsent(name, r) != null) {
                throw new IllegalStateException("proxy [" + name + "] is repeated");
            }
        }
    }

    /** Forgets a proxy (frp's {@code CloseClient}); its sessions in progress run out by themselves. */
    public void unregisterProxy(String name) {
        synchronized (lock) {
            proxies.remove(name);
        }
    }

    /**
     * A visitor's NatHoleVisitor.
     *
     * @param message     the message
     * @param visitorUser the user of the visitor's login ({@code ""} without one)
     * @param visitorSink sends a NatHoleResp on the visitor's control stream
     */
    public void handleVisitor(NatHoleVisitor message, String visitorUser, Consumer<NatHoleResp> visitorSink) {
        String name = message.proxyName();
        if (message.preCheck()) {
            Registration r;
            synchronized (lock) {
                r = proxies.get(name);
            }
            visitorSink.accept(error(message.transactionId(), r == null ? missing(name)
                    : r.allows(visitorUser) ? "" : notAllowed(visitorUser, name)));
            return;
        }
        Session session;
        Registration registration;
        String refusal;
        synchronized (lock) {
            registration = proxies.get(name);
            refusal = admit(message, visitorUser, registration);
            if (refusal != null) {
                session = null;
            } else {
                session = new Session(ids.newSid(), name, message, visitorSink);
                sessions.put(session.sid, session);
                session.timeout = scheduler.schedule(() -> expire(session), settings.clientTimeout());
            }
        }
        if (refusal != null) {
            log.warn("handle visitorMsg error: {}", refusal);
            visitorSink.accept(error(message.transactionId(), refusal));
            return;
        }
        log.debug("xtcp session {} for [{}] opened, waiting for the proxy's client", session.sid, name);
        try {
            registration.delivery.deliver(session.sid);
        } catch (RuntimeException e) {
            if (forget(session)) {
                visitorSink.accept(error(message.transactionId(), "xtcp server for [" + name
                        + "] cannot be reached: " + e.getMessage()));
            }
        }
    }

    /** Why a (non-pre-check) visitor is refused, or null; under the lock. */
    private String admit(NatHoleVisitor message, String visitorUser, Registration registration) {
        String name = message.proxyName();
        if (closed) {
            return "xtcp coordinator is closed";
        }
        if (registration == null) {
            return missing(name);
        }
        if (!settings.signKeyVerifier().verify(message.signKey(), message.timestamp(), registration.secretKey)) {
            return "xtcp connection of [" + name + "] auth failed";
        }
        if (!registration.allows(visitorUser)) {
            return notAllowed(visitorUser, name);
        }
        if (sessions.size() >= settings.maxSessions()) {
            return "too many xtcp sessions in progress (limit " + settings.maxSessions() + "), try again later";
        }
        return null;
    }

    /**
     * The proxy owner's NatHoleClient for a session. Unknown sids, a second NatHoleClient and one
     * naming another proxy are ignored (logged).
     *
     * @param clientSink sends a NatHoleResp on the owner's control stream
     */
    public void handleClient(NatHoleClient message, Consumer<NatHoleResp> clientSink) {
        Session session;
        synchronized (lock) {
            session = sessions.get(message.sid());
            if (session == null || session.plan != null || session.failed) {
                log.debug("NatHoleClient for sid [{}] ignored: {}", message.sid(),
                        session == null ? "no such session" : "the session has its client already");
                return;
            }
            if (!session.proxyName.equals(message.proxyName())) {
                log.warn("NatHoleClient for sid [{}] names proxy [{}], the session is for [{}]; ignored",
                        message.sid(), message.proxyName(), session.proxyName);
                return;
            }
            session.timeout.cancel();
            try {
                session.plan = planner.plan(session.sid, session.visitor, message);
            } catch (IllegalArgumentException e) {
                session.failed = true;
                session.failure = e.getMessage();
            }
        }
        if (session.plan == null) {
            log.debug("sid [{}] analysis error: {}", session.sid, session.failure);
            session.visitorSink.accept(error(session.visitor.transactionId(), session.failure));
            clientSink.accept(error(message.transactionId(), session.failure));
            scheduler.schedule(() -> forget(session), settings.retentionExtra());
            return;
        }
        PunchPlan plan = session.plan;
        log.debug("sid [{}] mode {} index {}: visitor {} {}, client {} {}", session.sid,
                plan.recommendation().mode(), plan.recommendation().index(), plan.visitorFeature(),
                plan.visitorResponse().detectBehavior(), plan.clientFeature(), plan.clientResponse().detectBehavior());
        Duration visitorDelay = send(plan.visitorResponse(), session.visitorSink);
        Duration clientDelay = send(plan.clientResponse(), clientSink);
        Duration keep = max(visitorDelay, clientDelay)
                .plusMillis(plan.clientResponse().detectBehavior().readTimeoutMs())
                .plus(settings.retentionExtra());
        scheduler.schedule(() -> forget(session), keep);
    }

    /** Sends now, or after the sender delay for a sender; returns the delay. */
    private Duration send(NatHoleResp response, Consumer<NatHoleResp> sink) {
        if (PunchRole.SENDER.wireName().equals(response.detectBehavior().role())) {
            scheduler.schedule(() -> sink.accept(response), settings.senderDelay());
            return settings.senderDelay();
        }
        sink.accept(response);
        return Duration.ZERO;
    }

    /** The owner's NatHoleReport: a first success scores the session's plan. */
    public void handleReport(NatHoleReport message) {
        PunchPlan plan;
        synchronized (lock) {
            Session session = sessions.get(message.sid());
            if (session == null || session.plan == null || session.reported) {
                log.trace("sid [{}] report make hole success: {}, but session not found or reported already",
                        message.sid(), message.success());
                return;
            }
            session.reported = true;
            plan = session.plan;
        }
        if (message.success()) {
            analyzer.reportSuccess(plan.analysisKey(), plan.recommendation().mode(), plan.recommendation().index());
        }
        log.info("sid [{}] report make hole success: {}, mode {}, index {}", message.sid(), message.success(),
                plan.recommendation().mode(), plan.recommendation().index());
    }

    /** Sessions in progress or kept for their report. */
    public int sessionCount() {
        synchronized (lock) {
            return sessions.size();
        }
    }

    /** The analyzer, for tests and metrics. */
    public PunchAnalyzer analyzer() {
        return analyzer;
    }

    /** Stops the periodic cleaning and refuses new sessions; sessions in progress still finish. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (cleaning != null) {
                cleaning.cancel();
                cleaning = null;
            }
        }
    }

    private void expire(Session session) {
        synchronized (lock) {
            if (session.plan != null || session.failed || sessions.get(session.sid) != session) {
                return;
            }
            sessions.remove(session.sid);
        }
        log.debug("wait for NatHoleClient message timeout, sid [{}]", session.sid);
    }

    private boolean forget(Session session) {
        synchronized (lock) {
            return sessions.remove(session.sid, session);
        }
    }

    private void clean() {
        PunchAnalyzer.CleanResult r = analyzer.clean();
        log.trace("clean {}/{} nathole analysis data", r.removed(), r.total());
        synchronized (lock) {
            if (!closed) {
                cleaning = scheduler.schedule(this::clean, settings.cleanInterval());
            }
        }
    }

    private static NatHoleResp error(String transactionId, String error) {
        return new NatHoleResp(transactionId, "", "", List.of(), List.of(), NatHoleDetectBehavior.EMPTY, error);
    }

    private static String missing(String name) {
        return "xtcp server for [" + name + "] doesn't exist";
    }

    private static String notAllowed(String user, String name) {
        return "xtcp visitor user [" + user + "] not allowed for [" + name + "]";
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** A registered xtcp proxy; immutable. */
    private record Registration(String name, String secretKey, List<String> allowUsers, SidDelivery delivery) {
        boolean allows(String user) {
            return allowUsers.contains(user) || allowUsers.contains("*");
        }
    }

    /** One session; fields after the constructor are guarded by the coordinator's lock. */
    private static final class Session {
        final String sid;
        final String proxyName;
        final NatHoleVisitor visitor;
        final Consumer<NatHoleResp> visitorSink;
        NatHoleScheduler.Cancellable timeout;
        PunchPlan plan;
        boolean failed;
        String failure;
        boolean reported;

        Session(String sid, String proxyName, NatHoleVisitor visitor, Consumer<NatHoleResp> visitorSink) {
            this.sid = sid;
            this.proxyName = proxyName;
            this.visitor = visitor;
            this.visitorSink = visitorSink;
        }
    }
}
