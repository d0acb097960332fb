package io.jfrp.bench.paths;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JVM options of a child JVM reach it one by one, as given: an option may hold spaces. */
class ChildTest {
    private static final String PROPERTY = "jfrp.bench.child-test";

    @TempDir
    Path dir;

    /** Prints the property and the arguments it got, one a line. */
    public static final class PrintProperty {
        public static void main(String[] args) {
            System.out.println("property [" + System.getProperty(PROPERTY) + "]");
            for (String a : args) {
                System.out.println("arg [" + a + "]");
            }
        }
    }

    @Test
    void anOptionWithSpacesReachesTheChildJvmWhole() throws Exception {
        Path trace = Files.createDirectories(dir.resolve("a dir with  spaces"));
        List<String> cmd = Child.java(List.of("-Xmx64m", "-D" + PROPERTY + "=" + trace), PrintProperty.class,
                List.of("one arg", "two"));

        Child.Output out = Child.run(cmd, Duration.ofSeconds(60));

        assertThat(out.exit()).as(out.text()).isZero();
        assertThat(out.text().lines().toList()).containsExactly("property [" + trace + "]", "arg [one arg]", "arg [two]");
    }

    @Test
    void jfrpsAndJfrpcGetTheOptionsAsJavaOptsOrARefusal() {
        BenchContext plain = new BenchContext(Mode.QUICK, dir, 1, Duration.ofSeconds(1), dir,
                List.of("-Xmx64m", "-Dx=y"));
        assertThat(plain.launcherJavaOpts()).isEqualTo("-Xmx64m -Dx=y");
        BenchContext spaced = new BenchContext(Mode.QUICK, dir, 1, Duration.ofSeconds(1), dir,
                List.of("-Djfrp.bench.trace=/a dir"));
        // bin/jfrps splits JAVA_OPTS on spaces: the option would arrive as two
        assertThatThrownBy(spaced::launcherJavaOpts).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[-Djfrp.bench.trace=/a dir]");
    }
}
