package io.jfrp.e2e;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A local TCP service for tests whose every connection runs a script on its own thread. What the
 * script returns (or throws) completes that connection's future, which the test takes with
 * {@link #nextResult}; the socket is closed after the script.
 */
final class ScriptedService<T> implements AutoCloseable {
    /** What a connection does. */
    interface Script<T> {
        T run(Socket socket) throws Exception;
    }

    private final BlockingQueue<CompletableFuture<T>> results = new LinkedBlockingQueue<>();
    private final LoopbackTcpService service;

    ScriptedService(Script<T> script) throws IOException {
        this.service = new LoopbackTcpService("scripted-service", 100, s -> {
            CompletableFuture<T> result = new CompletableFuture<>();
            results.add(result);
            return () -> {
                try (s) {
                    s.setSoTimeout(60_000);
                    result.complete(script.run(s));
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            };
        });
    }

    int port() {
        return service.port();
    }

    /** The result of the next connection's script (in accept order), waiting up to {@code seconds}. */
    T nextResult(long seconds) throws Exception {
        CompletableFuture<T> f = results.poll(seconds, TimeUnit.SECONDS);
        if (f == null) {
            throw new TimeoutException("no connection reached the local service within " + seconds + " s");
        }
        return f.get(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
