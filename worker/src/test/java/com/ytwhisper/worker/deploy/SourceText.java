package com.ytwhisper.worker.deploy;

import java.util.stream.Collectors;

/** Comment removal, so that a name mentioned only in a comment does not count as read. */
final class SourceText {

    private SourceText() {
    }

    /** Java source without its {@code //} and {@code /* *}{@code /} comments; string and char literals are kept. */
    static String withoutJavaComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                int end = literalEnd(source, i, c);
                out.append(source, i, end);
                i = end;
            } else if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Without the lines that are {@code #} comments (Python, shell, properties, env files). */
    static String withoutHashComments(String text) {
        return text.lines().filter(line -> !line.stripLeading().startsWith("#")).collect(Collectors.joining("\n"));
    }

    /** The index just past the literal that opens at {@code start}; text blocks count as one literal. */
    private static int literalEnd(String s, int start, char quote) {
        if (quote == '"' && s.startsWith("\"\"\"", start)) {
            int end = s.indexOf("\"\"\"", start + 3);
            return end < 0 ? s.length() : end + 3;
        }
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote || c == '\n') {
                return i + 1;
            } else {
                i++;
            }
        }
        return s.length();
    }
}
