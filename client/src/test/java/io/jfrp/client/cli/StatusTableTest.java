package io.jfrp.client.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code jfrpc status}'s tables byte for byte as frpc 0.70.0 printed them for the same answer. */
class StatusTableTest {
    private static Map<String, String> row(String name, String status, String local, String remote, String err) {
        return Map.of("name", name, "status", status, "local_addr", local, "plugin", "", "remote_addr", remote, "err", err);
    }

    @Test
    void tablesInFrpsOrderWithItsPadding() {
        StringWriter out = new StringWriter();
        StatusTable.print(Map.of(
                "https", List.of(row("s1", "start error", "127.0.0.1:443", "",
                        "subdomain is not supported because this feature is not enabled in server")),
                "http", List.of(row("h1", "running", "127.0.0.1:80", "a.example.com:17080", "")),
                "tcp", List.of(row("t1", "new", "127.0.0.1:22", "127.0.0.1", "")),
                "udp", List.of(row("u1", "running", "127.0.0.1:53", "127.0.0.1:17053", ""))), new PrintWriter(out));
        // frpc 0.70.0 status -c frpc.toml, same proxies (trailing spaces are frpc's)
        assertThat(out.toString()).isEqualTo(""
                + "Proxy Status...\n"
                + "\n"
                + "TCP\n"
                + "Name  Status  LocalAddr     Plugin  RemoteAddr  Error  \n"
                + "t1    new     127.0.0.1:22          127.0.0.1          \n"
                + "\n"
                + "UDP\n"
                + "Name  Status   LocalAddr     Plugin  RemoteAddr       Error  \n"
                + "u1    running  127.0.0.1:53          127.0.0.1:17053         \n"
                + "\n"
                + "HTTP\n"
                + "Name  Status   LocalAddr     Plugin  RemoteAddr           Error  \n"
                + "h1    running  127.0.0.1:80          a.example.com:17080         \n"
                + "\n"
                + "HTTPS\n"
                + "Name  Status       LocalAddr      Plugin  RemoteAddr  Error                                                                     \n"
                + "s1    start error  127.0.0.1:443                      subdomain is not supported because this feature is not enabled in server  \n"
                + "\n");
    }

    @Test
    void apiTimeoutTakesGoDurations() {
        AdminCommand.GoDurationConverter c = new AdminCommand.GoDurationConverter();
        assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.convert("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(c.convert("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> c.convert("30")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> c.convert("5 s")).hasMessageContaining("not a duration");
    }
}
