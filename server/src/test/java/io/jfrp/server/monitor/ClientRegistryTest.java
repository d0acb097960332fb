package io.jfrp.server.monitor;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRegistryTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final ClientRegistry registry = new ClientRegistry(clock);

    private static ClientSession session(String runId, String user, String clientId) {
        return new ClientSession(runId, user, clientId, "host-" + runId, "0.70.0", "v2", "10.0.0.1");
    }

    @Test
    void keysAreUserDotIdOrTheIdAlone() {
        assertThat(registry.register(session("r1", "alice", "laptop")).key()).isEqualTo("alice.laptop");
        assertThat(registry.register(session("r2", "", "box")).key()).isEqualTo("box");
        assertThat(registry.register(session("r3", "bob", "")).key()).isEqualTo("bob.r3");
        assertThat(registry.register(session("r4", "", "")).key()).isEqualTo("r4");
        assertThat(ClientRegistry.keyOf("u", "")).isEqualTo("u");
    }

    @Test
    void configuredIdsSurviveDisconnectsOthersAreForgotten() {
        registry.register(session("r1", "alice", "laptop"));
        registry.register(session("r2", "bob", ""));
        clock.advance(Duration.ofMinutes(5));
        registry.markOffline("r1");
        registry.markOffline("r2");
        assertThat(registry.list()).hasSize(1);
        ClientRecord alice = registry.byKey("alice.laptop").orElseThrow();
        assertThat(alice.online()).isFalse();
        assertThat(alice.runId()).isEmpty();
        assertThat(alice.clientId()).isEqualTo("laptop");
        assertThat(alice.disconnectedAt()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));

        clock.advance(Duration.ofMinutes(5));
        registry.register(session("r9", "alice", "laptop"));
        alice = registry.byKey("alice.laptop").orElseThrow();
        assertThat(alice.online()).isTrue();
        assertThat(alice.firstConnectedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(alice.lastConnectedAt()).isEqualTo(Instant.parse("2026-01-01T00:10:00Z"));
        assertThat(alice.disconnectedAt()).isNull();
    }

    @Test
    void aConfiguredIdOnlineElsewhereIsAConflict() {
        assertThat(registry.register(session("r1", "alice", "laptop")).conflict()).isFalse();
        assertThat(registry.register(session("r2", "alice", "laptop")).conflict()).isTrue();
        assertThat(registry.byKey("alice.laptop").orElseThrow().runId()).isEqualTo("r1");
        // the same run id again (a re-login) is not a conflict
        assertThat(registry.register(session("r1", "alice", "laptop")).conflict()).isFalse();
        registry.markOffline("r1");
        assertThat(registry.register(session("r2", "alice", "laptop")).conflict()).isFalse();
        // a stale run id going offline does not touch the new session
        registry.markOffline("r1");
        assertThat(registry.byKey("alice.laptop").orElseThrow().online()).isTrue();
    }
}
