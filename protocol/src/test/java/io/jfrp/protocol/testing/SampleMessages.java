package io.jfrp.protocol.testing;

import io.jfrp.protocol.msg.CloseProxy;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.protocol.msg.ReqWorkConn;

import java.util.List;
import java.util.Map;

/** Messages of every size class a frame decoder meets, for tests that chunk their frames. */
public final class SampleMessages {
    private SampleMessages() {
    }

    /**
     * A Login with a map, a ReqWorkConn with an empty body, a NewProxy with a list, and a CloseProxy
     * whose proxy name is {@code longNameLength} bytes long (the frame that spans many chunks).
     */
    public static List<Message> ofEverySize(String version, int longNameLength) {
        return List.of(
                Login.builder().version(version).metas(Map.of("a", "b")).poolCount(1).build(),
                ReqWorkConn.INSTANCE,
                NewProxy.builder("web", "http").customDomains(List.of("a.example")).build(),
                new CloseProxy("x".repeat(longNameLength)));
    }
}
