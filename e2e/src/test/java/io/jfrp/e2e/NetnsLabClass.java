package io.jfrp.e2e;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that works in network namespaces of its own (a {@code NetnsLab}): every program
 * it starts runs inside them, on their ports and addresses, and writes only to the class's directory.
 * Such a class runs beside the module's other classes, which run one after another as before (the
 * surefire configuration in e2e's pom enables JUnit's parallel execution with classes in the same
 * thread by default); the marked classes take the lock {@value #LOCK}, so they run one at a time
 * among themselves (the xtcp classes share one lab's helpers, and each keeps the machine's few cores
 * to one lab). Their waits are mostly timeouts and punches, which leave the cores to the other classes.
 * What such a class runs in the test JVM itself must not show in what the other classes observe there:
 * {@code nathole.XtcpNetnsTest}'s coordinator logs under {@code io.jfrp.nathole}, which e2e's logback
 * configuration keeps from the {@link LogCapture}s on {@code io.jfrp}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(NetnsLabClass.LOCK)
public @interface NetnsLabClass {
    /** The lock the marked classes share. */
    String LOCK = "io.jfrp.e2e.netns-lab";
}
