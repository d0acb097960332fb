package io.jfrp.config;

import com.typesafe.config.ConfigFactory;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ServerConfig;

import java.io.IOException;
import java.nio.file.Path;

import static io.jfrp.testkit.TestFiles.write;

/** Configuration files written into a test's directory and made into what jfrps and jfrpc run with. */
public final class TestConfigs {
    private TestConfigs() {
    }

    /** {@code toml} as {@code dir/frps.toml}, loaded and made into jfrps's configuration. */
    public static ServerConfig server(Path dir, String toml) throws IOException {
        return ConfigLoader.forServer(ConfigFactory.defaultReference()).load(write(dir, "frps.toml", toml))
                .serverConfig();
    }

    /** {@code toml} as {@code dir/frpc.toml}, loaded and made into jfrpc's configuration. */
    public static ClientConfig client(Path dir, String toml) throws IOException {
        return ConfigLoader.forClient(ConfigFactory.defaultReference()).load(write(dir, "frpc.toml", toml))
                .clientConfig();
    }
}
