package io.jfrp.server.monitor;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServerStatisticsTest {
    /** 2026-03-10 22:00 in Berlin (21:00 UTC): two hours before a day boundary of the zone, not of UTC. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T21:00:00Z"), ZoneId.of("Europe/Berlin"));
    private final ServerStatistics stats = new ServerStatistics(clock);

    private void register(String name, String type) {
        stats.proxyRegistered(new ProxyRegistration(name, type, "alice", "laptop", Map.of("name", name, "type", type)));
    }

    @Test
    void trafficIsBucketedByLocalDayTodayFirst() {
        register("alice.web", "http");
        stats.trafficIn("alice.web", "http", 100);
        stats.trafficOut("alice.web", "http", 1000);
        clock.advance(Duration.ofHours(1)); // 23:00 local: same day
        stats.trafficIn("alice.web", "http", 5);
        assertThat(stats.traffic("alice.web").orElseThrow().trafficIn()).containsExactly(105, 0, 0, 0, 0, 0, 0);

        clock.advance(Duration.ofHours(2)); // 01:00 local next day (still 2026-03-10 in UTC)
        stats.trafficIn("alice.web", "http", 7);
        assertThat(stats.traffic("alice.web").orElseThrow().trafficIn()).containsExactly(7, 105, 0, 0, 0, 0, 0);
        assertThat(stats.traffic("alice.web").orElseThrow().trafficOut()).containsExactly(0, 1000, 0, 0, 0, 0, 0);
        assertThat(stats.proxy("alice.web").orElseThrow().todayTrafficIn()).isEqualTo(7);
        assertThat(stats.server().totalTrafficIn()).isEqualTo(7);

        clock.advance(Duration.ofDays(3)); // quiet days count 0
        stats.trafficIn("alice.web", "http", 1);
        assertThat(stats.traffic("alice.web").orElseThrow().trafficIn()).containsExactly(1, 0, 0, 7, 105, 0, 0);

        clock.advance(Duration.ofDays(7)); // a week without events: nothing left
        assertThat(stats.traffic("alice.web").orElseThrow().trafficIn()).containsExactly(0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void connectionsTypesAndClientsAreCounted() {
        register("a", "tcp");
        register("b", "tcp");
        register("c", "http");
        stats.userConnectionOpened("a", "tcp");
        stats.userConnectionOpened("a", "tcp");
        stats.userConnectionOpened("c", "http");
        stats.userConnectionClosed("a", "tcp");
        stats.clientLoggedIn(new ClientSession("r1", "alice", "", "h", "0.70.0", "v1", "127.0.0.1"));
        stats.proxyClosed("b", "tcp");
        ServerSnapshot s = stats.server();
        assertThat(s.curConns()).isEqualTo(2);
        assertThat(s.clientCounts()).isEqualTo(1);
        assertThat(s.proxyTypeCounts()).containsExactly(Map.entry("http", 1L), Map.entry("tcp", 1L));
        assertThat(stats.proxy("a").orElseThrow().curConns()).isEqualTo(1);
        assertThat(stats.proxy("b").orElseThrow().online()).isFalse();
        assertThat(stats.proxy("b").orElseThrow().conf()).isNull();
        assertThat(stats.proxy("a").orElseThrow().conf()).isEqualTo(Map.of("name", "a", "type", "tcp"));
        assertThat(stats.proxy("tcp", "c")).isEmpty();
        assertThat(stats.proxy("http", "c")).isPresent();
        assertThat(stats.proxiesByType("tcp")).extracting(ProxySnapshot::name).containsExactly("a", "b");
    }

    @Test
    void reRegisteringKeepsHistoryUnlessTheTypeChanged() {
        register("p", "tcp");
        stats.trafficIn("p", "tcp", 10);
        stats.proxyClosed("p", "tcp");
        clock.advance(Duration.ofMinutes(1));
        register("p", "tcp");
        assertThat(stats.proxy("p").orElseThrow().todayTrafficIn()).isEqualTo(10);
        assertThat(stats.proxy("p").orElseThrow().online()).isTrue();
        stats.proxyClosed("p", "tcp");
        register("p", "udp");
        assertThat(stats.proxy("p").orElseThrow().todayTrafficIn()).isZero();
        assertThat(stats.proxy("p").orElseThrow().type()).isEqualTo("udp");
    }

    @Test
    void offlineEntriesExpireAfterSevenDaysOrWhenPruned() {
        register("old", "tcp");
        register("fresh", "tcp");
        register("live", "tcp");
        clock.advance(Duration.ofSeconds(1));
        stats.proxyClosed("old", "tcp");
        clock.advance(Duration.ofDays(5));
        stats.proxyClosed("fresh", "tcp");
        clock.advance(Duration.ofDays(2).plusSeconds(1)); // old: 7 days + 1 s offline; fresh: 2 days
        assertThat(stats.clearExpired()).isEqualTo(new ServerStatistics.PruneResult(1, 3));
        assertThat(stats.proxy("old")).isEmpty();
        assertThat(stats.pruneOffline()).isEqualTo(new ServerStatistics.PruneResult(1, 2));
        assertThat(stats.proxies()).extracting(ProxySnapshot::name).containsExactly("live");
        assertThat(stats.pruneOffline()).isEqualTo(new ServerStatistics.PruneResult(0, 1));
    }

    @Test
    void eventsForUnknownNamesCountOnlyServerWide() {
        stats.trafficIn("ghost", "tcp", 50);
        stats.userConnectionOpened("ghost", "tcp");
        assertThat(stats.server().totalTrafficIn()).isEqualTo(50);
        assertThat(stats.server().curConns()).isEqualTo(1);
        assertThat(stats.proxy("ghost")).isEmpty();
    }
}
