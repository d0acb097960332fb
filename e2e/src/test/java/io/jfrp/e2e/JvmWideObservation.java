package io.jfrp.e2e;

import org.junit.jupiter.api.parallel.ResourceLock;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that observes the whole test JVM, not only what it started: what a logger logs
 * ({@link LogCapture}), the JVM's open files, the buffer pool's memory. It takes {@value #LOCK}
 * exclusively, so no {@link SecondLaneClass} (whose jfrps and jfrpc log and allocate in this JVM)
 * runs beside it; the {@link NetnsLabClass} classes, whose programs run in processes of their own,
 * still may.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ResourceLock(JvmWideObservation.LOCK)
public @interface JvmWideObservation {
    /** The lock a class holds while it observes the JVM as a whole. */
    String LOCK = "io.jfrp.e2e.jvm-wide";
}
