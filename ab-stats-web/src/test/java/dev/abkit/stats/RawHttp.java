package dev.abkit.stats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over one socket the test holds, so that it can tell whether the server keeps a connection usable
 * after a failure (a client library would quietly open a new one). Reads time out after a few seconds: a
 * response that never comes fails the test instead of hanging it.
 */
final class RawHttp {

    static final int READ_TIMEOUT_MILLIS = 5_000;

    record Response(int status, String body) {
    }

    private final InputStream in;
    private final OutputStream out;

    RawHttp(Socket connection) throws IOException {
        connection.setSoTimeout(READ_TIMEOUT_MILLIS);
        this.in = connection.getInputStream();
        this.out = connection.getOutputStream();
    }

    Response get(String path, String bearerToken) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + bearerToken
                + "\r\nAccept: text/html, */*;q=0.8\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        int status = Integer.parseInt(line().split(" ")[1]);
        int length = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        return new Response(status, chunked ? chunks() : new String(in.readNBytes(Math.max(length, 0)), StandardCharsets.UTF_8));
    }

    private String chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
             size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
            body.write(in.readNBytes(size));
            line();
        }
        line();
        return body.toString(StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
