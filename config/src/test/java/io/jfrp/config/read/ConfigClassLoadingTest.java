package io.jfrp.config.read;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.jfrp.testkit.ClassLoadRecorder;
import io.jfrp.testkit.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loading a TOML file (what every start does) loads neither the YAML parser nor jackson-databind's
 * {@code ObjectMapper}, not even for the verifier's checks: the programs' class-data archives hold
 * every class a training run loads, and with it what verifying that class loads when the archive is
 * dumped, all of it resident in every idle program (docs/PERFORMANCE.md, "Memory and start-up").
 */
class ConfigClassLoadingTest {

    @Test
    void aTomlFileLoadsNoYamlParserAndNoObjectMapper(@TempDir Path dir) throws Exception {
        Path file = TestFiles.write(dir, "frps.toml", "bindPort = 7001\nauth.token = \"t\"\n");
        ClassLoadRecorder loader = new ClassLoadRecorder(getClass().getClassLoader(),
                "io.jfrp.", "com.fasterxml.jackson.");
        Class<?> loaderClass = Class.forName("io.jfrp.config.ConfigLoader", true, loader);
        Object configLoader = loaderClass.getMethod("forServer", Config.class)
                .invoke(null, ConfigFactory.defaultReference());
        Object loaded = loaderClass.getMethod("load", Path.class).invoke(configLoader, file);
        Config user = (Config) loaded.getClass().getMethod("user").invoke(loaded);

        assertThat(user.getInt("bindPort")).isEqualTo(7001);
        assertThat(loader.defined())
                .as("the classes were this loader's, so the check below sees what they loaded")
                .contains(ConfigFileReader.class.getName(), JacksonTreeReader.class.getName(),
                        "com.fasterxml.jackson.dataformat.toml.TomlFactory")
                .doesNotContain("com.fasterxml.jackson.dataformat.yaml.YAMLFactory",
                        "com.fasterxml.jackson.databind.ObjectMapper");
    }
}
