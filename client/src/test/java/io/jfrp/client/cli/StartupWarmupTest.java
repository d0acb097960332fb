package io.jfrp.client.cli;

import io.jfrp.protocol.msg.MessageType;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up warm-up: a daemon thread that ends by itself, and the messages it prepares. */
class StartupWarmupTest {

    @Test
    void warmsUpOnADaemonThreadThatEnds() throws InterruptedException {
        Thread warmup = StartupWarmup.start();

        assertThat(warmup.isDaemon()).isTrue();
        warmup.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(warmup.isAlive()).isFalse();
    }

    @Test
    void preparesEveryMessageOfALoginAProxyAndItsFirstConnection() {
        assertThat(StartupWarmup.FIRST_MESSAGES).contains(MessageType.LOGIN, MessageType.LOGIN_RESP,
                MessageType.NEW_PROXY, MessageType.NEW_PROXY_RESP, MessageType.REQ_WORK_CONN,
                MessageType.NEW_WORK_CONN, MessageType.START_WORK_CONN);
    }
}
