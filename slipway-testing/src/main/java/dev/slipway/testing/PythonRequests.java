package dev.slipway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A JSON POST written byte for byte as python-requests 2.28.1 writes it for Seldon's Python client
 * ({@code SeldonClient(...).predict} over REST), on a new connection to a loopback port; the raw response read back
 * (headers and a {@code Content-Length} body). For tests that compare Slipway with what Seldon's clients send.
 */
public final class PythonRequests {

    private PythonRequests() {}

    /** POSTs {@code json} to {@code path} on 127.0.0.1:{@code port} and returns the raw response. */
    public static String post(int port, String path, String json, Duration timeout) throws IOException {
        final byte[] body = json.getBytes(StandardCharsets.UTF_8);
        final String head = "POST " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\nUser-Agent: python-requests/2.28.1\r\n"
                + "Accept-Encoding: gzip, deflate, br\r\nAccept: */*\r\nConnection: keep-alive\r\n"
                + "Content-Length: " + body.length + "\r\nContent-Type: application/json\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            return readResponse(socket.getInputStream());
        }
    }

    /** The body of a raw response (what follows the blank line after the headers). */
    public static String body(String raw) {
        return raw.substring(raw.indexOf("\r\n\r\n") + 4);
    }

    /** One response: its headers, then as many body bytes as its {@code Content-Length} says (or up to the end). */
    public static String readResponse(InputStream in) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final byte[] buf = new byte[8192];
        int length = -1;
        int headerEnd = -1;
        int n;
        while ((n = in.read(buf)) >= 0) {
            bytes.write(buf, 0, n);
            final String text = bytes.toString(StandardCharsets.UTF_8);
            if (headerEnd < 0 && text.contains("\r\n\r\n")) {
                headerEnd = text.indexOf("\r\n\r\n") + 4;
                for (final String line : text.substring(0, headerEnd).split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
            }
            if (headerEnd >= 0 && length >= 0 && bytes.size() >= headerEnd + length) {
                break;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
