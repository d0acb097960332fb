package io.jfrp.nathole;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class NatHoleIdsTest {

    @Test
    void idsAreUnixSecondsAndSixteenHexCharacters() {
        var ids = new NatHoleIds(InstantSource.fixed(Instant.ofEpochSecond(1_700_000_123)), new SplittableRandom(1));
        String sid = ids.newSid();
        String tid = ids.newTransactionId();
        assertThat(sid).matches("1700000123[0-9a-f]{16}");
        assertThat(tid).matches("1700000123[0-9a-f]{16}").isNotEqualTo(sid);
    }

    @Test
    void defaultIdsDiffer() {
        var ids = new NatHoleIds();
        assertThat(ids.newSid()).isNotEqualTo(ids.newSid()).matches("\\d{10}[0-9a-f]{16}");
    }
}
