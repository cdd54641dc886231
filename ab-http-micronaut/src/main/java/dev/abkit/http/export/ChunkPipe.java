package dev.abkit.http.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pipe of byte chunks from one writer thread (an export reading the database) to one reader (the
 * server sending the response): at most {@value #CHUNKS_IN_FLIGHT} chunks of {@value #CHUNK_BYTES} bytes wait
 * between them, so memory stays the same whatever the size of the export. A writer that fails passes its
 * failure on: the reader gets an {@link IOException} instead of the end, and the response is cut off. A
 * reader that leaves (the client went away) makes the next write fail, which ends the export's query.
 * {@link #started()} completes when the first chunk or the end is handed over, or fails with the writer's
 * failure before that: until then nothing has been sent, so a failure can still be answered as a problem.
 */
final class ChunkPipe {

    static final int CHUNK_BYTES = 64 * 1024;
    static final int CHUNKS_IN_FLIGHT = 4;
    /** How long a writer waits for a reader that takes nothing before it gives up (the client stalled). */
    private static final Duration READER_PATIENCE = Duration.ofSeconds(30);
    private static final Object END = new Object();

    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT);
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final Writer writer = new Writer();
    private final Reader reader = new Reader();
    private volatile boolean readerGone;

    CompletableFuture<Void> started() {
        return started;
    }

    OutputStream writer() {
        return writer;
    }

    InputStream reader() {
        return reader;
    }

    /** The writer's failure: before the first chunk it fails {@link #started()}, after it the reader. */
    void fail(Throwable failure) {
        if (started.completeExceptionally(failure)) {
            return;
        }
        try {
            hand(new Failed(failure));
        } catch (IOException readerGoneOrStalled) {
            // nobody is left to tell
        }
    }

    private void hand(Object item) throws IOException {
        long deadline = System.nanoTime() + READER_PATIENCE.toNanos();
        try {
            while (!chunks.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (readerGone) {
                    throw new IOException("the client is gone");
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("the client took nothing for " + READER_PATIENCE.toSeconds() + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the client was slow");
        }
        started.complete(null);
    }

    private record Failed(Throwable failure) {
    }

    private final class Writer extends OutputStream {

        private byte[] buffer = new byte[CHUNK_BYTES];
        private int length;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            if (length == buffer.length) {
                handOver();
            }
            buffer[length++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int count) throws IOException {
            int written = 0;
            while (written < count) {
                if (length == buffer.length) {
                    handOver();
                }
                int part = Math.min(count - written, buffer.length - length);
                System.arraycopy(bytes, offset + written, buffer, length, part);
                length += part;
                written += part;
            }
        }

        private void handOver() throws IOException {
            hand(buffer);
            buffer = new byte[CHUNK_BYTES];
            length = 0;
        }

        /** The end: what is buffered, then the end mark. */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (length > 0) {
                byte[] last = new byte[length];
                System.arraycopy(buffer, 0, last, 0, length);
                hand(last);
            }
            hand(END);
        }
    }

    private final class Reader extends InputStream {

        private byte[] current = new byte[0];
        private int position;
        private boolean ended;
        private IOException failure;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int count) throws IOException {
            if (count == 0) {
                return 0;
            }
            while (position == current.length) {
                if (failure != null) {
                    throw failure; // every read after a failure fails too: it never looks like the end
                }
                if (ended) {
                    return -1;
                }
                next();
            }
            int part = Math.min(count, current.length - position);
            System.arraycopy(current, position, into, offset, part);
            position += part;
            return part;
        }

        private void next() throws IOException {
            Object item;
            try {
                item = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the export");
            }
            if (item == END) {
                ended = true;
            } else if (item instanceof Failed failed) {
                failure = new IOException("the export failed after its first bytes; the response is cut off",
                        failed.failure());
            } else {
                current = (byte[]) item;
                position = 0;
            }
        }

        @Override
        public void close() {
            readerGone = true;
            chunks.clear();
        }
    }
}
