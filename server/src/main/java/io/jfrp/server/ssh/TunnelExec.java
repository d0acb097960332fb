package io.jfrp.server.ssh;

import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.AsyncCommand;
import org.apache.sshd.common.io.IoInputStream;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The command an SSH client runs on the gateway: it hands the command line to its tunnel and shows
 * the tunnel's messages (the proxy's address, or why it failed). It runs as long as the tunnel; frp's
 * gateway ties the tunnel to the SSH connection, not to this channel, so a client that closes the
 * channel right after the command (frp's e2e client does) keeps its tunnel.
 *
 * <p>Non-blocking output: messages are written on the channel's asynchronous stream one after the
 * other. Thread-safe.
 */
final class TunnelExec implements AsyncCommand {
    private final String command;
    private final Consumer<TunnelExec> started;
    private IoOutputStream out;
    private ExitCallback exit;
    /** The write in flight: the next message waits for it (MINA allows one at a time). */
    private IoWriteFuture lastWrite;
    private boolean done;

    /**
     * @param command the command line
     * @param started told when the command starts (with this, to write through)
     */
    TunnelExec(String command, Consumer<TunnelExec> started) {
        this.command = command;
        this.started = started;
    }

    String command() {
        return command;
    }

    @Override
    public synchronized void setIoOutputStream(IoOutputStream out) {
        this.out = out;
    }

    @Override
    public void setIoInputStream(IoInputStream in) {
        // the command reads nothing
    }

    @Override
    public void setIoErrorStream(IoOutputStream err) {
        // messages go to standard output, as frp writes them
    }

    @Override
    public void setInputStream(InputStream in) {
    }

    @Override
    public void setOutputStream(OutputStream out) {
    }

    @Override
    public void setErrorStream(OutputStream err) {
    }

    @Override
    public synchronized void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        started.accept(this);
    }

    /** Shows {@code text} and a newline to the client, after what was shown before. */
    synchronized void print(String text) {
        if (out == null || done) {
            return;
        }
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        IoOutputStream stream = out;
        IoWriteFuture previous = lastWrite;
        if (previous == null || previous.isDone()) {
            lastWrite = write(stream, bytes);
        } else {
            previous.addListener(f -> {
                synchronized (this) {
                    lastWrite = write(stream, bytes);
                }
            });
        }
    }

    private static IoWriteFuture write(IoOutputStream stream, byte[] bytes) {
        try {
            return stream.writeBuffer(new ByteArrayBuffer(bytes));
        } catch (Exception e) {
            return null;
        }
    }

    /** Ends the command with {@code status} once what was shown is out (the client then exits). */
    synchronized void exit(int status) {
        if (done || exit == null) {
            return;
        }
        done = true;
        ExitCallback callback = exit;
        IoWriteFuture previous = lastWrite;
        if (previous == null || previous.isDone()) {
            callback.onExit(status);
        } else {
            previous.addListener(f -> callback.onExit(status));
        }
    }

    @Override
    public synchronized void destroy(ChannelSession channel) {
        done = true;
        out = null;
    }
}
