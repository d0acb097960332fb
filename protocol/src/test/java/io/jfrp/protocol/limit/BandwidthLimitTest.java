package io.jfrp.protocol.limit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** frp's bandwidth notation: KB and MB, 1024-based, decimals, empty = none; anything else refused. */
class BandwidthLimitTest {
    @Test
    void readsFrpNotation() {
        assertThat(BandwidthLimit.parse("10KB").bytesPerSecond()).isEqualTo(10 * 1024);
        assertThat(BandwidthLimit.parse("1MB").bytesPerSecond()).isEqualTo(1024 * 1024);
        assertThat(BandwidthLimit.parse("0.5MB").bytesPerSecond()).isEqualTo(512 * 1024);
        assertThat(BandwidthLimit.parse(" 1.5KB ").bytesPerSecond()).isEqualTo(1536);
        assertThat(BandwidthLimit.parse("").isSet()).isFalse();
        assertThat(BandwidthLimit.parse(null).isSet()).isFalse();
    }

    @Test
    void refusesOtherUnitsAndNumbers() {
        assertThatThrownBy(() -> BandwidthLimit.parse("10kb")).hasMessageContaining("KB or MB");
        assertThatThrownBy(() -> BandwidthLimit.parse("10GB")).hasMessageContaining("KB or MB");
        assertThatThrownBy(() -> BandwidthLimit.parse("10")).hasMessageContaining("KB or MB");
        assertThatThrownBy(() -> BandwidthLimit.parse("tenKB")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> BandwidthLimit.parse("-1KB")).hasMessageContaining("negative");
    }

    @Test
    void aLimitAppliesOnlyOnTheSideItsModeNames() {
        assertThat(BandwidthLimit.forSide("1MB", "", BandwidthLimit.MODE_CLIENT).isSet()).isTrue();
        assertThat(BandwidthLimit.forSide("1MB", "client", BandwidthLimit.MODE_SERVER).isSet()).isFalse();
        assertThat(BandwidthLimit.forSide("1MB", "server", BandwidthLimit.MODE_SERVER).isSet()).isTrue();
        assertThat(BandwidthLimit.forSide("1MB", "server", BandwidthLimit.MODE_CLIENT).isSet()).isFalse();
    }
}
