package io.jfrp.protocol.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jfrp.protocol.ExternalTools;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The independent reference for wire v2's crypto: {@code wire_v2_reference.py} (next to this class in
 * the test resources) on Python's hashlib, the {@code cryptography} package (HKDF, AES-GCM) and
 * libsodium (HChaCha20, XChaCha20-Poly1305). Tests compare our bytes with its bytes. A missing tool
 * skips the test, except on CI ({@code CI=true}), where scripts/install-test-deps.sh installs them
 * (python3-cryptography, libsodium23).
 *
 * <p>One python3 process answers every request of the test JVM, one JSON line each way: a start per
 * request (importing {@code cryptography}, 0.5 s and more on CI) was most of these tests' time. The
 * process ends when its input does, with the JVM at the latest; one that died is started again.
 */
final class WireV2Reference {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final String SCRIPT = load();
    /** How long one answer may take before the reference is taken for hung. */
    private static final long ANSWER_SECONDS = 30;
    /** Whether {@link #require()} found the tools: they stay installed for the JVM's life. */
    private static volatile boolean toolsFound;
    private static Session session;

    private WireV2Reference() {
    }

    /** Skips (or on CI fails) the calling test unless python3, cryptography and libsodium are there. */
    static void require() {
        if (toolsFound) {
            return;
        }
        ExternalTools.require(ExternalTools.python("import ctypes, ctypes.util\n"
                + "from cryptography.hazmat.primitives.ciphers.aead import AESGCM\n"
                + "from cryptography.hazmat.primitives.kdf.hkdf import HKDF\n"
                + "names = [ctypes.util.find_library('sodium'), 'libsodium.so.23', 'libsodium.so.26', 'libsodium.so']\n"
                + "def ok(n):\n"
                + "    try:\n"
                + "        ctypes.CDLL(n).crypto_aead_xchacha20poly1305_ietf_encrypt\n"
                + "        return True\n"
                + "    except (OSError, TypeError, AttributeError):\n"
                + "        return False\n"
                + "assert any(ok(n) for n in names if n), 'libsodium not found'\n"));
        toolsFound = true;
    }

    static byte[] hchacha20(byte[] key, byte[] nonce16) {
        return bytes(call(request("hchacha20").put("key", hex(key)).put("nonce", hex(nonce16))), "subkey");
    }

    static byte[] seal(AeadAlgorithm algorithm, byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        return bytes(call(request("seal").put("algorithm", algorithm.wireName()).put("key", hex(key))
                .put("nonce", hex(nonce)).put("aad", hex(aad)).put("plaintext", hex(plaintext))), "ciphertext");
    }

    /** The plaintext, or null if the reference refused to open it. */
    static byte[] open(AeadAlgorithm algorithm, byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext) {
        JsonNode res = call(request("open").put("algorithm", algorithm.wireName()).put("key", hex(key))
                .put("nonce", hex(nonce)).put("aad", hex(aad)).put("ciphertext", hex(ciphertext)));
        return res.has("error") ? null : bytes(res, "plaintext");
    }

    /** [transcript, client-to-server key, server-to-client key]. */
    static byte[][] keys(byte[] secret, AeadAlgorithm algorithm, byte[] clientHello, byte[] serverHello) {
        JsonNode res = call(request("keys").put("secret", hex(secret)).put("algorithm", algorithm.wireName())
                .put("clientHello", hex(clientHello)).put("serverHello", hex(serverHello)));
        return new byte[][] {bytes(res, "transcript"), bytes(res, "clientToServer"), bytes(res, "serverToClient")};
    }

    /** The whole stream (N0, then one record per chunk) as the reference seals it. */
    static byte[] sealStream(AeadAlgorithm algorithm, byte[] key, byte[] n0, List<byte[]> chunks) {
        ObjectNode req = request("sealStream").put("algorithm", algorithm.wireName()).put("key", hex(key))
                .put("n0", hex(n0));
        chunks.forEach(c -> req.withArray("chunks").add(hex(c)));
        return bytes(call(req), "stream");
    }

    /** The stream's records opened by the reference: [N0, record 0, record 1, ...]. */
    static List<byte[]> openStream(AeadAlgorithm algorithm, byte[] key, byte[] stream) {
        JsonNode res = call(request("openStream").put("algorithm", algorithm.wireName()).put("key", hex(key))
                .put("stream", hex(stream)));
        List<byte[]> out = new ArrayList<>();
        out.add(bytes(res, "n0"));
        res.get("records").forEach(r -> out.add(HEX.parseHex(r.asText())));
        return out;
    }

    private static ObjectNode request(String cmd) {
        return JSON.createObjectNode().put("cmd", cmd);
    }

    private static synchronized JsonNode call(ObjectNode request) {
        if (session == null || !session.process.isAlive()) {
            session = Session.start();
        }
        try {
            return JSON.readTree(session.exchange(JSON.writeValueAsString(request)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode node, String field) {
        return HEX.parseHex(node.get(field).asText());
    }

    private static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    private static String load() {
        try (InputStream in = WireV2Reference.class.getResourceAsStream("wire_v2_reference.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The running reference: its input, its answers, and what it wrote to stderr (drained beside). */
    private static final class Session {
        private final Process process;
        private final OutputStream requests;
        private final BufferedReader answers;
        private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

        private Session(Process process) {
            this.process = process;
            this.requests = process.getOutputStream();
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Thread drain = new Thread(() -> {
                try (InputStream err = process.getErrorStream()) {
                    byte[] buf = new byte[4096];
                    for (int n; (n = err.read(buf)) >= 0; ) {
                        synchronized (errors) {
                            errors.write(buf, 0, n);
                        }
                    }
                } catch (IOException ignored) {
                    // the process is gone; what it wrote is in errors
                }
            }, "wire-v2-reference-stderr");
            drain.setDaemon(true);
            drain.start();
        }

        static Session start() {
            try {
                return new Session(new ProcessBuilder(ExternalTools.python(SCRIPT)).start());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Sends one request line and returns the answer line; fails with the reference's stderr if none comes. */
        String exchange(String request) {
            String answer;
            try {
                requests.write((request + "\n").getBytes(StandardCharsets.UTF_8));
                requests.flush();
                answer = CompletableFuture.supplyAsync(this::readLine).get(ANSWER_SECONDS, TimeUnit.SECONDS);
            } catch (IOException | ExecutionException e) {
                answer = null;
            } catch (TimeoutException e) {
                process.destroyForcibly();
                throw new AssertionError("the reference gave no answer within " + ANSWER_SECONDS + " s" + stderr());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (answer == null) {
                process.destroyForcibly();
                throw new AssertionError("the reference ended without an answer" + stderr());
            }
            return answer;
        }

        private String readLine() {
            try {
                return answers.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String stderr() {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (errors) {
                return ": " + errors.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
