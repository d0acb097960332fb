package io.jfrp.testkit;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreePortsTest {
    @Test
    void freePortsAreDistinctAndOutsideTheEphemeralRange() {
        int[] ephemeral = FreePorts.ephemeralRange();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            int port = FreePorts.next();
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
            assertThat(port < ephemeral[0] || port > ephemeral[1]).as("port %d outside the ephemeral range %d-%d",
                    port, ephemeral[0], ephemeral[1]).isTrue();
        }
    }

    @Test
    void eachPortOncePerLapFromTheStartSkippingTakenOnes() {
        PortAllocator ports = new PortAllocator(100, 104, 103, p -> p != 101);
        List<Integer> handed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            handed.add(ports.next());
        }
        assertThat(handed).containsExactly(103, 104, 100, 102, 103, 104);
    }

    @Test
    void aRangeWithNoFreePortFails() {
        PortAllocator ports = new PortAllocator(100, 102, 100, p -> false);
        assertThatThrownBy(ports::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("100-102");
    }

    @Test
    void aPortBoundByAnotherSocketIsNotHandedOut() throws Exception {
        int port = FreePorts.next();
        PortAllocator only = new PortAllocator(port, port, port, FreePorts::bindable);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", port));
            assertThatThrownBy(only::next).isInstanceOf(IllegalStateException.class);
        }
        assertThat(only.next()).isEqualTo(port);
    }

    @Test
    void theOwnedRangeLiesBelowTheEphemeralRangeOrElseAboveIt() {
        PortAllocator linux = FreePorts.allocator(new int[]{32_768, 60_999});
        assertThat(linux.from()).isEqualTo(16_384);
        assertThat(linux.to()).isEqualTo(32_767);
        PortAllocator low = FreePorts.allocator(new int[]{2_000, 50_000});
        assertThat(low.from()).isEqualTo(50_001);
        assertThat(low.to()).isEqualTo(65_535);
        PortAllocator all = FreePorts.allocator(new int[]{1_024, 65_535});
        assertThat(all.from()).isEqualTo(20_000);
        assertThat(all.to()).isEqualTo(29_999);
    }
}
