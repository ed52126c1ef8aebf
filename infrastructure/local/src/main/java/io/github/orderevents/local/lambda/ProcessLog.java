package io.github.orderevents.local.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * A function process's output (stdout and stderr merged, as Lambda's log has them) copied line by line into the
 * function log. The process writes to a file rather than a pipe so that the log can be read up to where the process
 * is, exactly, before an END line: what a handler printed always comes before its invocation's END.
 */
final class ProcessLog implements AutoCloseable {
    private static final long MAX_IDLE_SLEEP_MS = 50;

    private final Path file;
    private final FileChannel channel;
    private final Consumer<String> sink;
    private final ByteBuffer buffer = ByteBuffer.allocate(8192);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Thread follower;
    private volatile boolean closed;

    private ProcessLog(Path file, Consumer<String> sink, String name) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.sink = sink;
        this.follower = Thread.ofVirtual().name(name).unstarted(this::follow);
    }

    /** A new, empty output file in {@code directory}, followed into {@code sink}. */
    static ProcessLog create(Path directory, String name, Consumer<String> sink) throws IOException {
        Files.createDirectories(directory);
        ProcessLog log = new ProcessLog(Files.createTempFile(directory, name + "-", ".log"), sink, name);
        log.follower.start();
        return log;
    }

    /** The file the process writes to. */
    Path file() {
        return file;
    }

    private void follow() {
        long sleep = 1;
        while (!closed) {
            boolean read = drain();
            // Often while there is output, rarely while there is none.
            sleep = read ? 1 : Math.min(MAX_IDLE_SLEEP_MS, sleep * 2);
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Copies the complete lines written so far into the log; true if there was anything to read. */
    synchronized boolean drain() {
        boolean any = false;
        try {
            while (channel.isOpen()) {
                buffer.clear();
                int n = channel.read(buffer);
                if (n <= 0) {
                    break;
                }
                any = true;
                for (int i = 0; i < n; i++) {
                    byte b = buffer.get(i);
                    if (b == '\n') {
                        emit();
                    } else {
                        line.write(b);
                    }
                }
            }
        } catch (IOException e) {
            // Closed while reading: the instance is gone.
        }
        return any;
    }

    /** As {@link #drain()}, and a last line without its newline too (a handler's {@code print}). */
    synchronized void flush() {
        drain();
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        try {
            sink.accept(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
        } catch (RuntimeException e) {
            // A failing log sink must not stop the log.
        }
    }

    /** Writes {@code text} into the log after everything the process wrote so far. */
    synchronized void write(String text) {
        flush();
        emit(text);
    }

    private void emit(String text) {
        try {
            sink.accept(text);
        } catch (RuntimeException e) {
            // As above.
        }
    }

    /** Stops following (after the last lines), and deletes the file. */
    @Override
    public void close() {
        // Not interrupted: an interrupt during a read would close the channel (it is an InterruptibleChannel).
        closed = true;
        synchronized (this) {
            flush();
            try {
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Left behind in the work directory.
            }
        }
    }
}
