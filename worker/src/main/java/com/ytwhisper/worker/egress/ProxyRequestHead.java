package com.ytwhisper.worker.egress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The head of one HTTP message as a proxy reads it: the first line and the header lines, read
 * byte by byte up to the blank line so nothing of the body is consumed.
 */
record ProxyRequestHead(String method, String target, String version, List<String> headers) {

    static final int MAX_HEAD_BYTES = 32 * 1024;

    /** Reads one head; null when the peer closed before sending anything. */
    static ProxyRequestHead read(InputStream in) throws IOException {
        List<String> lines = readLines(in);
        if (lines == null) {
            return null;
        }
        String[] first = lines.get(0).split(" ");
        if (first.length != 3) {
            throw new IOException("malformed request line");
        }
        return new ProxyRequestHead(first[0], first[1], first[2], List.copyOf(lines.subList(1, lines.size())));
    }

    /** The status code of a response head (e.g. an upstream proxy's answer to CONNECT). */
    static int readStatus(InputStream in) throws IOException {
        List<String> lines = readLines(in);
        String[] first = lines == null ? new String[0] : lines.get(0).split(" ");
        if (first.length < 2) {
            throw new IOException("malformed response from upstream proxy");
        }
        try {
            return Integer.parseInt(first[1]);
        } catch (NumberFormatException e) {
            throw new IOException("malformed status from upstream proxy");
        }
    }

    private static List<String> readLines(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        int total = 0;
        int b;
        while ((b = in.read()) >= 0) {
            if (++total > MAX_HEAD_BYTES) {
                throw new IOException("request head over " + MAX_HEAD_BYTES + " bytes");
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                if (lines.isEmpty()) {
                    continue; // tolerated blank lines before a request
                }
                return lines;
            }
            lines.add(text);
        }
        if (total == 0) {
            return null;
        }
        throw new IOException("connection closed inside the request head");
    }

    boolean isConnect() {
        return method.equalsIgnoreCase("CONNECT");
    }

    /** The request line and headers for the origin server: origin-form target, one request per connection. */
    String forOrigin(String originTarget, String extraHeader) {
        StringBuilder out = new StringBuilder();
        out.append(method).append(' ').append(originTarget).append(' ').append(version).append("\r\n");
        for (String header : headers) {
            String name = header.substring(0, Math.max(0, header.indexOf(':'))).strip().toLowerCase(Locale.ROOT);
            if (!name.startsWith("proxy-") && !name.equals("connection") && !name.equals("keep-alive")) {
                out.append(header).append("\r\n");
            }
        }
        if (extraHeader != null) {
            out.append(extraHeader).append("\r\n");
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }
}
