package io.jfrp.nathole.analysis;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of frp 0.70's behaviour tables ({@code pkg/nathole/analysis.go}), as data: mode, index,
 * then for side A and side B: role, ttl, send delay, range number, random ports, listen ports.
 */
class PunchModesTest {

    @ParameterizedTest(name = "mode {0} row {1}")
    @CsvSource({
            // mode 0
            "0,0, sender,0,0,0,0,0,     receiver,7,0,0,0,0",
            "0,1, receiver,7,0,0,0,0,   sender,0,0,0,0,0",
            "0,2, sender,0,0,0,0,0,     receiver,4,0,0,0,0",
            "0,3, receiver,4,0,0,0,0,   sender,0,0,0,0,0",
            "0,4, sender,0,0,0,0,0,     receiver,0,0,0,0,0",
            "0,5, receiver,0,0,0,0,0,   sender,0,0,0,0,0",
            "0,6, sender,0,5000,0,0,0,  receiver,0,0,0,0,0",
            "0,7, sender,0,10000,0,0,0, receiver,0,0,0,0,0",
            "0,8, receiver,0,0,0,0,0,   sender,0,5000,0,0,0",
            "0,9, receiver,0,0,0,0,0,   sender,0,10000,0,0,0",
            // mode 1
            "1,0, sender,0,0,0,0,0,     receiver,7,0,10,0,0",
            "1,1, sender,0,2000,0,0,0,  receiver,7,0,10,0,0",
            "1,2, sender,0,0,0,0,0,     receiver,4,0,10,0,0",
            "1,3, sender,0,2000,0,0,0,  receiver,4,0,10,0,0",
            "1,4, sender,0,0,0,0,0,     receiver,0,0,10,0,0",
            "1,5, sender,0,2000,0,0,0,  receiver,0,0,10,0,0",
            // mode 2
            "2,0, sender,0,3000,0,1000,0, receiver,7,0,0,0,256",
            "2,1, sender,0,3000,0,1000,0, receiver,4,0,0,0,256",
            "2,2, sender,0,3000,0,1000,0, receiver,0,0,0,0,256",
            // mode 3
            "3,0, sender,0,0,10,0,0,    receiver,7,0,10,0,0",
            "3,1, sender,0,0,10,0,0,    receiver,4,0,10,0,0",
            "3,2, sender,0,0,10,0,0,    receiver,0,0,10,0,0",
            "3,3, receiver,7,0,10,0,0,  sender,0,0,10,0,0",
            "3,4, receiver,4,0,10,0,0,  sender,0,0,10,0,0",
            "3,5, receiver,0,0,10,0,0,  sender,0,0,10,0,0",
            // mode 4 (frp's comment says 2000 ms; the values say 3000)
            "4,0, sender,0,3000,0,1000,0, receiver,7,0,2,0,256",
            "4,1, sender,0,3000,0,1000,0, receiver,4,0,2,0,256",
            "4,2, sender,0,3000,0,1000,0, receiver,0,0,2,0,256"})
    void rowIsFrps(int mode, int index, String roleA, int ttlA, int delayA, int rangeA, int randomA, int listenA,
                   String roleB, int ttlB, int delayB, int rangeB, int randomB, int listenB) {
        BehaviorPair p = PunchModes.pair(mode, index);
        assertThat(p.a()).isEqualTo(new PunchBehavior(PunchRole.fromWire(roleA), ttlA, delayA, rangeA, randomA, listenA));
        assertThat(p.b()).isEqualTo(new PunchBehavior(PunchRole.fromWire(roleB), ttlB, delayB, rangeB, randomB, listenB));
    }

    @ParameterizedTest
    @CsvSource({"0,10", "1,6", "2,3", "3,6", "4,3", "7,10", "-1,10"})
    void tableSizes(int mode, int size) {
        assertThat(PunchModes.pairs(mode)).hasSize(size);
        assertThat(PunchModes.pair(mode, size)).isNull();
    }
}
