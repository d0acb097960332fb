package io.jfrp.config.schema;

import com.typesafe.config.ConfigFactory;
import io.jfrp.config.model.PortRanges;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortRangesTest {

    @Test
    void parsesTheLegacyStringForm() {
        PortRanges r = PortRanges.parse(" 2000-3000, 3001 ,3003,4000-50000 ");

        assertThat(r.ranges()).containsExactly(new PortRanges.Range(2000, 3000), PortRanges.Range.single(3001),
                PortRanges.Range.single(3003), new PortRanges.Range(4000, 50000));
        assertThat(r.toString()).isEqualTo("2000-3000,3001,3003,4000-50000");
        assertThat(r.allows(2000)).isTrue();
        assertThat(r.allows(3000)).isTrue();
        assertThat(r.allows(3002)).isFalse();
        assertThat(r.allows(50000)).isTrue();
        assertThat(r.allows(50001)).isFalse();
    }

    @Test
    void parsesTheTomlTableForm() {
        PortRanges r = PortRangesReader.fromConfig(ConfigFactory.parseString(
                "a = [{ start = 2000, end = 3000 }, { single = 3001 }]").getValue("a"));

        assertThat(r).isEqualTo(PortRanges.parse("2000-3000,3001"));
        assertThat(r.isUnrestricted()).isFalse();
    }

    @Test
    void aOnePortRangeIsWrittenBackAsARangeAsFrpWritesIt() {
        PortRanges r = PortRangesReader.fromConfig(ConfigFactory.parseString(
                "a = [{ start = 5000, end = 5000 }, { single = 5001 }]").getValue("a"));

        assertThat(r.toString()).isEqualTo("5000-5000,5001");
        assertThat(PortRanges.parse("6000-6000,6001").toString()).isEqualTo("6000-6000,6001");
    }

    @Test
    void emptyMeansEveryPort() {
        assertThat(PortRanges.parse("").isUnrestricted()).isTrue();
        assertThat(PortRanges.UNRESTRICTED.allows(1)).isTrue();
        assertThat(PortRanges.UNRESTRICTED.allows(65535)).isTrue();
        assertThat(PortRanges.UNRESTRICTED.allows(0)).isFalse();
        assertThat(PortRangesReader.fromConfig(ConfigFactory.parseString("a = []").getValue("a")).isUnrestricted()).isTrue();
    }

    @Test
    void rejectsBadRangesNamingEachPart() {
        assertThatThrownBy(() -> PortRanges.parse("3000-2000,0,70000,1-2-3,x,"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'3000-2000': range ends before it starts; '0': ports must be in 1..65535; "
                        + "'70000': ports must be in 1..65535; '1-2-3' is not a port or a range such as 2000-3000; "
                        + "'x' is not a port or a range such as 2000-3000; '' is not a port or a range such as 2000-3000");
        assertThatThrownBy(() -> PortRangesReader.fromConfig(ConfigFactory.parseString("a = 5").getValue("a")))
                .hasMessageStartingWith("expected a list of port ranges");
    }
}
