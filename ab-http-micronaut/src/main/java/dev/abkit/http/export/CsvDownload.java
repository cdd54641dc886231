package dev.abkit.http.export;

import dev.abkit.core.error.StorageUnavailableException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.types.files.StreamedFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A CSV download that streams: the export runs on a database thread and writes its rows, as RFC 4180 with CRLF
 * line ends and a header row (Commons CSV), into a {@link ChunkPipe} that the server reads the response body
 * from. The response is answered once the first chunk (64 KiB) is full or the export has ended; a failure
 * before that fails the answer instead, so it becomes a problem (404, 503) like any other call. A failure
 * after it cuts the connection off: the body is chunked, and a cut-off body lacks the terminating chunk.
 */
public final class CsvDownload {

    /** RFC 4180's media type, with the header row announced (RFC 4180 section 3). */
    public static final MediaType TEXT_CSV = MediaType.of("text/csv; charset=utf-8; header=present");

    private final Executor database;

    /** @param database where the exports run: they read the database for as long as the download lasts */
    public CsvDownload(Executor database) {
        this.database = database;
    }

    /** What writes the rows; a row it prints is on its way to the client. */
    @FunctionalInterface
    public interface Rows {
        void writeTo(CsvRows rows);
    }

    /** The rows' printer, for one record at a time. */
    public static final class CsvRows {

        private final CSVPrinter printer;

        private CsvRows(CSVPrinter printer) {
            this.printer = printer;
        }

        /** One record; null values are empty fields. */
        public void print(Object... values) {
            try {
                printer.printRecord(values);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // the client is gone: ends the export's query
            }
        }
    }

    /**
     * @param fileName the name a browser saves it under ({@code Content-Disposition})
     * @param header   the header row
     */
    public CompletableFuture<HttpResponse<StreamedFile>> download(String fileName, List<String> header, Rows rows) {
        ChunkPipe pipe = new ChunkPipe();
        try {
            database.execute(() -> run(pipe, header, rows));
        } catch (RejectedExecutionException busy) {
            return CompletableFuture.failedFuture(new StorageUnavailableException(
                    "too many requests wait for the database; try again later", busy));
        }
        return pipe.started().handle((ignored, failure) -> {
            if (failure != null) {
                throw failure instanceof CompletionException ? (CompletionException) failure : new CompletionException(failure);
            }
            return HttpResponse.ok(new StreamedFile(pipe.reader(), TEXT_CSV))
                    .contentType(TEXT_CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
        });
    }

    private static void run(ChunkPipe pipe, List<String> header, Rows rows) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get();
        try {
            CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(pipe.writer(), StandardCharsets.UTF_8), format);
            rows.writeTo(new CsvRows(printer));
            printer.close(); // only on success: closing hands over the end, which a failed export must never send
        } catch (IOException | RuntimeException | Error failure) {
            pipe.fail(failure instanceof UncheckedIOException unchecked ? unchecked.getCause() : failure);
        }
    }
}
