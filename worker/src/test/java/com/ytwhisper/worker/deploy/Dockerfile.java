package com.ytwhisper.worker.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a Dockerfile the drift check reads: its stages with their instructions (line
 * continuations joined, comments dropped) and the build arguments' defaults, used to expand
 * {@code ${ARG}} in values.
 */
final class Dockerfile {

    /** One instruction; {@code line} is where it starts, for messages. */
    record Instruction(String keyword, String args, int line) {
    }

    /** A build stage: its name ({@code AS name}, or its index), its base and its instructions. */
    record Stage(String name, String base, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }
    }

    /** A COPY or ADD: {@code from} is the stage or image it copies from, null for the build context. */
    record Copy(String from, List<String> sources, String destination, int line) {
    }

    private static final Pattern ARG_REF = Pattern.compile("\\$\\{?(\\w+)}?");

    final List<Stage> stages = new ArrayList<>();
    final Map<String, String> argDefaults = new LinkedHashMap<>();

    static Dockerfile parse(String text) {
        Dockerfile file = new Dockerfile();
        List<Instruction> current = null;
        for (Instruction instruction : instructions(text)) {
            switch (instruction.keyword()) {
                case "FROM" -> {
                    String[] words = instruction.args().trim().split("\\s+");
                    String name = words.length >= 3 && words[words.length - 2].equalsIgnoreCase("AS")
                            ? words[words.length - 1] : Integer.toString(file.stages.size());
                    current = new ArrayList<>();
                    file.stages.add(new Stage(name, words[0], current));
                }
                case "ARG" -> {
                    String[] arg = instruction.args().trim().split("=", 2);
                    if (arg.length == 2) {
                        file.argDefaults.put(arg[0].trim(), unquote(arg[1].trim()));
                    }
                    if (current != null) {
                        current.add(instruction);
                    }
                }
                default -> {
                    if (current != null) {
                        current.add(instruction);
                    }
                }
            }
        }
        return file;
    }

    Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** {@code value} with {@code ${ARG}} and {@code $ARG} replaced by the argument's default. */
    String expand(String value) {
        Matcher m = ARG_REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(argDefaults.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The ENV settings of a stage, in order, values expanded; the map's key order is the file's. */
    Map<String, Located> env(Stage stage) {
        Map<String, Located> env = new LinkedHashMap<>();
        for (Instruction i : stage.all("ENV")) {
            List<String> words = words(i.args());
            if (words.size() == 2 && !words.get(0).contains("=")) {
                env.put(words.get(0), new Located(expand(words.get(1)), i.line()));
                continue;
            }
            for (String word : words) {
                String[] kv = word.split("=", 2);
                env.put(kv[0], new Located(kv.length == 2 ? expand(kv[1]) : "", i.line()));
            }
        }
        return env;
    }

    /** A value with the line it was set on. */
    record Located(String value, int line) {
    }

    List<Copy> copies(Stage stage) {
        List<Copy> copies = new ArrayList<>();
        for (Instruction i : stage.instructions()) {
            if (!i.keyword().equals("COPY") && !i.keyword().equals("ADD")) {
                continue;
            }
            String from = null;
            List<String> paths = new ArrayList<>();
            for (String word : words(i.args())) {
                if (word.startsWith("--from=")) {
                    from = word.substring("--from=".length());
                } else if (!word.startsWith("--")) {
                    paths.add(expand(word));
                }
            }
            copies.add(new Copy(from, paths.subList(0, paths.size() - 1), paths.get(paths.size() - 1), i.line()));
        }
        return copies;
    }

    /** The words of an exec-form (JSON array) ENTRYPOINT or CMD. */
    static List<String> execForm(String args) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(args);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Shell-like words: whitespace separates, double or single quotes group (and are removed). */
    static List<String> words(String args) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : args.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))
                ? s.substring(1, s.length() - 1) : s;
    }

    /** Logical lines: '\' continuations joined, comment lines (also inside continuations) dropped. */
    private static List<Instruction> instructions(String text) {
        List<Instruction> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        StringBuilder logical = new StringBuilder();
        int start = 0;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.startsWith("#") || line.isEmpty() && logical.isEmpty()) {
                continue;
            }
            if (logical.isEmpty()) {
                start = n + 1;
            }
            boolean continues = line.endsWith("\\");
            logical.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                String instruction = logical.toString().trim();
                logical.setLength(0);
                if (!instruction.isEmpty()) {
                    String[] parts = instruction.split("\\s+", 2);
                    out.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : "", start));
                }
            }
        }
        return out;
    }
}
