package io.jfrp.e2e;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that runs in e2e's second lane, beside the classes that run one after another:
 * it takes the {@link NetnsLabClass} classes' lock, so it runs one at a time with them, and it shares
 * the JVM with the first lane's classes, so it never runs beside a {@link JvmWideObservation} class,
 * which reads what the whole JVM logs or holds. Such a class keeps everything of its own: its jfrps,
 * jfrpc and peers on ports of its own ({@code FreePorts}), its files in its own temporary directory,
 * no static state shared with another class ({@link E2eCase}, not {@link E2eClassCase}). The lanes
 * balance e2e's time: the classes here were chosen for mostly waiting on other processes (stock frp,
 * {@code bin/jfrpc}, tinyproxy) or deadlines, and for asserting nothing about time that a busy
 * neighbour could break (README, "The test suite's time").
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(NetnsLabClass.LOCK)
@ResourceLock(value = JvmWideObservation.LOCK, mode = ResourceAccessMode.READ)
public @interface SecondLaneClass {
}
