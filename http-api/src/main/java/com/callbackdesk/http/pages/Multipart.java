package com.callbackdesk.http.pages;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of multipart/form-data (RFC 7578) to take the file a browser's upload form sends:
 * the REST DSL consumers on the shared listener hand the body over unparsed.
 */
final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"([^\"]+)\"|([^;\\s]+))",
            Pattern.CASE_INSENSITIVE);

    private Multipart() {
    }

    /**
     * The content of the part named {@code field}, else of the first part with a file name; null
     * when the body has neither (or is not multipart as announced).
     */
    static byte[] filePart(byte[] body, String contentType, String field) {
        if (body == null || contentType == null) {
            return null;
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            return null;
        }
        String boundary = m.group(2) != null ? m.group(2) : m.group(3);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] headerEnd = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] firstFile = null;
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int partStart = at + delimiter.length;
            if (partStart + 2 <= body.length && body[partStart] == '-' && body[partStart + 1] == '-') {
                break;   // the closing delimiter
            }
            int headersEnd = indexOf(body, headerEnd, partStart);
            if (headersEnd < 0) {
                return firstFile;
            }
            String headers = new String(body, partStart, headersEnd - partStart, StandardCharsets.UTF_8)
                    .toLowerCase(Locale.ROOT);
            int contentStart = headersEnd + headerEnd.length;
            int next = indexOf(body, delimiter, contentStart);
            if (next < 0) {
                return firstFile;
            }
            int contentEnd = next - 2;   // the CRLF before the delimiter belongs to it
            byte[] content = Arrays.copyOfRange(body, contentStart, Math.max(contentStart, contentEnd));
            if (headers.contains("name=\"" + field.toLowerCase(Locale.ROOT) + "\"")) {
                return content;
            }
            if (firstFile == null && headers.contains("filename=")) {
                firstFile = content;
            }
            at = next;
        }
        return firstFile;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
