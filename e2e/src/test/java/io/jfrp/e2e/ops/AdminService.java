package io.jfrp.e2e.ops;

import com.typesafe.config.ConfigFactory;
import io.jfrp.client.admin.ClientService;
import io.jfrp.config.ConfigLoader;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.e2e.E2e;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * jfrpc as the {@code jfrpc} command runs it, for the tests of its admin API: an frpc.toml that names a
 * jfrps on loopback and the admin web server (user {@link #USER}, password {@link #PASSWORD}), set up
 * as {@link ClientService} from the file, its client started.
 */
final class AdminService {
    static final String USER = "admin";
    static final String PASSWORD = "pw";

    private AdminService() {
    }

    /** The head of an frpc.toml: jfrps at 127.0.0.1:{@code serverPort} with {@code token}, the admin API on {@code webPort}. */
    static String head(int serverPort, String token, int webPort) {
        return """
                serverAddr = "127.0.0.1"
                serverPort = %d
                auth.token = "%s"
                webServer.port = %d
                webServer.user = "%s"
                webServer.password = "%s"
                """.formatted(serverPort, token, webPort, USER, PASSWORD);
    }

    /** Reads {@code file} and runs jfrpc from it, logged in; {@code closer} stops it. */
    static ClientService start(Path file, E2e.Closer closer) throws Exception {
        ClientConfig config = ConfigLoader.forClient(ConfigFactory.defaultReference()).load(file).clientConfig();
        ClientService service = ClientService.create(file, config);
        closer.add(() -> {
            service.client().close();
            service.close();
        });
        service.client().start().get(10, TimeUnit.SECONDS);
        return service;
    }
}
