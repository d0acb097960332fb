package io.jfrp.client.cli;

import io.jfrp.client.MultiServerClient;
import io.jfrp.config.cli.CliPreparation;
import io.jfrp.config.cli.CliProgram;
import io.jfrp.config.model.ClientConfig;
import org.slf4j.Logger;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.ExecutionException;

/** {@code jfrpc} with several servers ({@code jfrp.servers}): runs a {@link MultiServerClient} until it stops. */
final class MultiServerRun {
    private MultiServerRun() {
    }

    static int run(ClientConfig config, CliProgram<ClientConfig> program, Logger log, PrintWriter err)
            throws InterruptedException {
        MultiServerClient client;
        try {
            client = new MultiServerClient(config);
        } catch (IOException | IllegalArgumentException e) {
            return program.fail(err, "cannot set up TLS: " + CliPreparation.describe(e));
        }
        log.info("connecting to {} servers: {}", config.servers().size(), config.servers());
        program.closeOnShutdown(log, client::close);
        client.start();
        try {
            client.terminated().get();
            return 0;
        } catch (ExecutionException e) {
            return program.fail(err, "login to every server " + config.servers() + " failed: "
                    + CliPreparation.describe(e.getCause()) + " (loginFailExit = true; set it to false to keep retrying)");
        }
    }
}
