package io.jfrp.e2e;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test run twice, with tcpMux on and off: the method takes {@code boolean tcpMux}. Each run is
 * named after it ("tcpMux=true").
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "tcpMux={0}")
@ValueSource(booleans = {true, false})
public @interface TcpMuxOnAndOff {
}
