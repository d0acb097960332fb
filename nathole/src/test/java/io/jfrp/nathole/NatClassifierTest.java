package io.jfrp.nathole;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** frp's {@code ClassifyNATFeature}, case by case. */
class NatClassifierTest {

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # mapped addresses (space separated) | type | behaviour | difference | regular | public
            1.1.1.1:100 1.1.1.1:100             | EASY_NAT | NO_CHANGE    | 0     | false | false
            1.1.1.1:100 1.1.1.1:101             | HARD_NAT | PORT_CHANGED | 1     | true  | false
            1.1.1.1:100 1.1.1.1:105             | HARD_NAT | PORT_CHANGED | 5     | true  | false
            1.1.1.1:100 1.1.1.1:106             | HARD_NAT | PORT_CHANGED | 6     | false | false
            1.1.1.1:105 1.1.1.1:100             | HARD_NAT | PORT_CHANGED | 5     | true  | false
            1.1.1.1:100 1.1.1.1:40000           | HARD_NAT | PORT_CHANGED | 39900 | false | false
            1.1.1.1:100 2.2.2.2:100             | HARD_NAT | IP_CHANGED   | 0     | false | false
            1.1.1.1:100 2.2.2.2:101             | HARD_NAT | BOTH_CHANGED | 0     | false | false
            # highest minus lowest over all addresses, not first minus last
            1.1.1.1:100 1.1.1.1:100 1.1.1.1:103 | HARD_NAT | PORT_CHANGED | 3     | true  | false
            1.1.1.1:100 1.1.1.1:97 1.1.1.1:103  | HARD_NAT | PORT_CHANGED | 6     | false | false
            # a mapped IP among the local ones: public network, any address counts
            10.0.0.5:100 10.0.0.5:100           | EASY_NAT | NO_CHANGE    | 0     | false | true
            1.1.1.1:100 10.0.0.5:100            | HARD_NAT | IP_CHANGED   | 0     | false | true
            """)
    void classifiesAsFrp(String mapped, NatType type, NatBehavior behavior, int difference, boolean regular,
                         boolean publicNetwork) {
        NatFeature f = NatClassifier.classify(Arrays.asList(mapped.split(" ")), List.of("10.0.0.5", "192.168.1.2"));
        assertThat(f).isEqualTo(new NatFeature(type, behavior, difference, regular, publicNetwork));
    }

    @Test
    void needsTwoAddresses() {
        assertThatThrownBy(() -> NatClassifier.classify(List.of("1.1.1.1:1"), List.of()))
                .hasMessageContaining("not enough addresses");
        assertThatThrownBy(() -> NatClassifier.classify(List.of(), List.of()))
                .hasMessageContaining("not enough addresses");
    }

    @Test
    void namesTheAddressThatDoesNotParse() {
        assertThatThrownBy(() -> NatClassifier.classify(List.of("1.1.1.1:1", "1.1.1.1"), List.of()))
                .hasMessageContaining("\"1.1.1.1\"").hasMessageContaining("missing port");
    }

    @Test
    void wireNamesAreFrps() {
        assertThat(NatType.EASY_NAT.wireName()).isEqualTo("EasyNAT");
        assertThat(NatType.HARD_NAT.wireName()).isEqualTo("HardNAT");
        assertThat(NatBehavior.NO_CHANGE.wireName()).isEqualTo("BehaviorNoChange");
        assertThat(NatBehavior.IP_CHANGED.wireName()).isEqualTo("BehaviorIPChanged");
        assertThat(NatBehavior.PORT_CHANGED.wireName()).isEqualTo("BehaviorPortChanged");
        assertThat(NatBehavior.BOTH_CHANGED.wireName()).isEqualTo("BehaviorBothChanged");
    }
}
