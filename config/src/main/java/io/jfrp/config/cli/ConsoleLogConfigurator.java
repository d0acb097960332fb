package io.jfrp.config.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import org.slf4j.Logger;

/**
 * The console logging of jfrps and jfrpc, set up in code: logback finds this class as a
 * {@link Configurator} service (META-INF/services in the server and client jars) before it would
 * look for a logback.xml. Reading an XML configuration costs some 400 classes (logback's Joran and
 * the JDK's XML parser) and a few hundred milliseconds of every start; this does the same in a few.
 *
 * <p>Lines in frp's concise shape, on standard output:
 * <pre>
 *   2025-01-31 12:00:00.000 [I] [FrpClient] [web] start proxy success, remote address :6000
 * </pre>
 * INFO until the configuration is read, when {@code log.level} sets the root logger
 * ({@link CliLogging}); Netty at WARN. A logback file still wins: with
 * {@code -Dlogback.configurationFile=FILE}, or a logback.xml or logback-test.xml on the class path
 * (tests, the benchmark harness), this steps aside and logback reads that file as usual.
 *
 * <p>When the set-up left no warning or error in logback's status list, a {@link NopStatusListener} is
 * added: after the configurators, logback prints the status list if it holds a warning or an error,
 * unless the context has a status listener, and merely asking loads its {@code StatusPrinter},
 * whose date formatter starts {@code java.time}'s formatting (some 75 classes, issue 16). With a
 * warning or an error logback prints the list as before; statuses added later were never printed.
 */
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = ConsoleLogConfigurator.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") != null
                || loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.NEUTRAL;
        }
        install(context);
        skipStatusPrinterUnlessNeeded(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Adds a {@link NopStatusListener} to {@code context} when its status list holds no warning or
     * error, so that logback does not load its {@code StatusPrinter} only to find nothing to print
     * (see the class comment); with one, leaves the context as it is, and logback prints the list.
     */
    static void skipStatusPrinterUnlessNeeded(LoggerContext context) {
        if (new StatusUtil(context).getHighestLevel(0) < Status.WARN) {
            context.getStatusManager().add(new NopStatusListener());
        }
    }

    /**
     * Puts the uncoloured console appender of {@link LogbackSetup} on {@code context}'s root logger,
     * at INFO with Netty at WARN ({@code log.level = "info"}).
     */
    static void install(LoggerContext context) {
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(LogbackSetup.console(context, false));
        LogbackSetup.applyLevel(context, "info");
    }
}
