package io.jfrp.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** --child-java-opts is split on whitespace, --child-java-opt is taken whole, after it. */
class ChildJavaOptionsTest {
    @Test
    void splitOptionsThenWholeOnes() {
        assertThat(BenchMain.childJavaOptions("  -Xmx1g \t -XX:+UseSerialGC ", List.of("-Djfrp.bench.trace=/a dir")))
                .containsExactly("-Xmx1g", "-XX:+UseSerialGC", "-Djfrp.bench.trace=/a dir");
        assertThat(BenchMain.childJavaOptions("", null)).isEmpty();
    }
}
