package io.jfrp.config.read;

import com.typesafe.config.ConfigFactory;
import io.jfrp.config.ConfigLoader;
import io.jfrp.config.InvalidConfigException;
import io.jfrp.config.LoadedConfig;
import io.jfrp.config.model.proxy.ProxyConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static io.jfrp.testkit.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** frpc's includes: the proxies of more files (globs), in every format, with their own file and line. */
class IncludedFilesTest {
    @TempDir
    Path dir;

    private final ConfigLoader client = ConfigLoader.forClient(ConfigFactory.defaultReference());

    @Test
    void proxiesOfMatchingFilesJoinTheFilesOwnInOrder() throws IOException {
        java.nio.file.Files.createDirectories(dir.resolve("conf.d"));
        write(dir.resolve("conf.d"), "b.toml", "[[proxies]]\nname = \"b\"\ntype = \"tcp\"\nlocalPort = 2\nremotePort = 6002\n");
        write(dir.resolve("conf.d"), "a.yaml", "proxies:\n- name: a\n  type: tcp\n  localPort: 1\n  remotePort: 6001\n");
        write(dir.resolve("conf.d"), "ignored.txt", "not matched");
        Path main = write(dir, "frpc.toml", "serverPort = 7000\nincludes = [\"" + dir.resolve("conf.d") + "/*.toml\", \""
                + dir.resolve("conf.d") + "/*.yaml\"]\n\n[[proxies]]\nname = \"main\"\ntype = \"tcp\"\nlocalPort = 3\n"
                + "remotePort = 6003\n");

        LoadedConfig loaded = client.load(main);

        assertThat(loaded.clientConfig().proxies()).extracting(ProxyConfig::name).containsExactly("main", "b", "a");
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void aProblemInAnIncludedFileNamesThatFileAndLine() throws IOException {
        Path extra = write(dir, "extra", "[[proxies]]\nname = \"x\"\ntype = \"tcp\"\nlocalPort = 1\nremotPort = 6001\n");
        Path main = write(dir, "frpc.toml", "includes = [\"" + extra + "\"]\n");

        InvalidConfigException e = catchThrowableOfType(() -> client.load(main), InvalidConfigException.class);

        assertThat(e.errors()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(extra.toString());
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).startsWith("unknown key 'proxies[0].remotPort'");
        });
    }

    @Test
    void otherSettingsInAnIncludedFileAreIgnoredWithAWarning() throws IOException {
        Path extra = write(dir, "extra.toml", "serverPort = 9\n[[proxies]]\nname = \"x\"\ntype = \"tcp\"\nlocalPort = 1\n");
        Path main = write(dir, "frpc.toml", "serverPort = 7000\nincludes = [\"" + extra + "\"]\n");

        LoadedConfig loaded = client.load(main);

        assertThat(loaded.clientConfig().serverPort()).isEqualTo(7000);
        assertThat(loaded.warnings()).singleElement().satisfies(w -> assertThat(w.message())
                .contains("'serverPort' in an included file is ignored"));
    }

    @Test
    void aMissingDirectoryIsAnError() throws IOException {
        Path main = write(dir, "frpc.toml", "includes = [\"" + dir.resolve("nope") + "/*.toml\"]\n");
        InvalidConfigException e = catchThrowableOfType(() -> client.load(main), InvalidConfigException.class);
        assertThat(e.errors()).singleElement().satisfies(p -> assertThat(p.message()).contains("does not exist"));
    }

    @Test
    void legacyIniAppendsTheIncludedSections() throws IOException {
        Path extra = write(dir, "extra.ini", "[tcp2]\ntype = tcp\nlocal_port = 2\nremote_port = 6002\n");
        Path main = write(dir, "frpc.ini", "[common]\nserver_port = 7000\nincludes = " + extra + "\n\n"
                + "[tcp1]\ntype = tcp\nlocal_port = 1\nremote_port = 6001\n");

        assertThat(client.load(main).clientConfig().proxies()).extracting(ProxyConfig::name)
                .containsExactly("tcp1", "tcp2");
    }
}
