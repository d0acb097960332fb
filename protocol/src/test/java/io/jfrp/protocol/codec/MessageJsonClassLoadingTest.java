package io.jfrp.protocol.codec;

import io.jfrp.testkit.ClassLoadRecorder;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exchanging messages does not load jackson-databind's {@code ObjectMapper}: not even the verifier
 * may need it to check {@link MessageJson}'s methods. When it did, every start loaded it, and the
 * programs' class-data archives (made from the classes a training run loads, each verified again
 * when the archive is dumped) held some 200 databind classes more, all resident: 2.7 MiB of an idle
 * jfrps (docs/PERFORMANCE.md, "Memory and start-up").
 */
class MessageJsonClassLoadingTest {

    @Test
    void aMessageReadAndWrittenLoadsNoObjectMapper() throws Exception {
        ClassLoadRecorder loader = new ClassLoadRecorder(getClass().getClassLoader(),
                "io.jfrp.protocol.", "com.fasterxml.jackson.");
        Class<?> json = Class.forName(MessageJson.class.getName(), true, loader);
        Class<?> types = Class.forName("io.jfrp.protocol.msg.MessageType", true, loader);
        Class<?> message = Class.forName("io.jfrp.protocol.msg.Message", true, loader);
        Object login = types.getField("LOGIN").get(null);
        byte[] body = "{\"version\":\"0.70.0\",\"user\":\"u\",\"run_id\":\"r\",\"pool_count\":1}"
                .getBytes(StandardCharsets.UTF_8);

        Method read = json.getMethod("read", types, byte[].class, int.class, int.class);
        Object read1 = read.invoke(null, login, body, 0, body.length);
        byte[] written = (byte[]) json.getMethod("write", message).invoke(null, read1);

        assertThat(new String(written, StandardCharsets.UTF_8)).contains("\"user\":\"u\"", "\"pool_count\":1");
        assertThat(loader.defined())
                .as("the classes were this loader's, so the check below sees what they loaded")
                .contains(MessageJson.class.getName(), RecordJson.class.getName(),
                        "com.fasterxml.jackson.core.JsonParser")
                .doesNotContain("com.fasterxml.jackson.databind.ObjectMapper");
    }
}
