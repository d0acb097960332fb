package io.jfrp.classpath;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How {@link OptionalJars} reads the launchers' class path of optional jars. That they are then
 * added, and that an idle program has none of them, is checked through the launchers
 * ({@code OptionalJarsLauncherTest}, e2e).
 */
class OptionalJarsTest {

    @Test
    void aDirectoryWildcardIsItsJarsByNameAndAFileIsItself(@TempDir Path dir) throws Exception {
        Path lib = Files.createDirectory(dir.resolve("optional"));
        Files.write(lib.resolve("b.jar"), new byte[] {1});
        Files.write(lib.resolve("a.jar"), new byte[] {2});
        Files.write(lib.resolve("notes.txt"), new byte[] {3});
        Path single = Files.write(dir.resolve("single.jar"), new byte[] {4});

        assertThat(OptionalJars.jars(lib + "/*" + File.pathSeparator + File.pathSeparator + single))
                .containsExactly(lib.resolve("a.jar"), lib.resolve("b.jar"), single);
    }

    @Test
    void aMissingJarOrDirectoryIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> OptionalJars.jars(dir.resolve("gone.jar").toString()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("gone.jar")
                .hasMessageContaining(OptionalJars.PROPERTY);
        assertThatThrownBy(() -> OptionalJars.jars(dir.resolve("nowhere") + "/*"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nowhere");
    }

    @Test
    void withoutThePropertyEveryJarIsAlreadyOnTheClassPath() {
        // Maven runs the tests with every jar on the class path and no property: nothing to add.
        assertThat(System.getProperty(OptionalJars.PROPERTY)).isNull();
        OptionalJars.require();
        OptionalJars.require();
        assertThat(Test.class.getClassLoader()).isSameAs(ClassLoader.getSystemClassLoader());
    }
}
