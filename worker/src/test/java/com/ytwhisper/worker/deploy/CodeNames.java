package com.ytwhisper.worker.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the program's code shows it reads: every UPPER_SNAKE name written in the worker's and the
 * client's code (Java without its comments, Python, scripts, properties), every name derived from a
 * {@code @ConfigMapping} interface, and every key of an {@code application.properties} in env form.
 * Also the numbers written in the worker's Java code, for ports.
 */
final class CodeNames {

    /** Where the code lives, relative to the repository root. */
    static final List<String> CODE_DIRS = List.of("worker/src/main", "client/src/main", "client/bin");

    private static final Pattern NAME = Pattern.compile("(?<![A-Za-z0-9_])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![A-Za-z0-9_])");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d{2,5}(?![\\w.])");

    private final Set<String> names = new HashSet<>();
    private final Set<String> javaNumbers = new HashSet<>();

    private CodeNames() {
    }

    static CodeNames scan(Path root) {
        CodeNames code = new CodeNames();
        for (String dir : CODE_DIRS) {
            Path base = root.resolve(dir);
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(base)) {
                files.filter(Files::isRegularFile).forEach(code::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return code;
    }

    boolean reads(String envName) {
        return names.contains(envName);
    }

    /** Whether the worker's Java code writes {@code port} as a number (e.g. a default port). */
    boolean mentionsPort(int port) {
        return javaNumbers.contains(Integer.toString(port));
    }

    private void add(Path file) {
        String name = file.getFileName().toString();
        String text = read(file);
        if (text == null) {
            return; // not text
        }
        if (name.endsWith(".java")) {
            text = SourceText.withoutJavaComments(text);
            names.addAll(ConfigMappingNames.in(text));
            if (file.toString().contains("worker/src/main")) {
                collect(NUMBER, text, javaNumbers);
            }
        } else if (name.endsWith(".properties")) {
            text = SourceText.withoutHashComments(text);
            text.lines().map(line -> line.split("[=:]", 2)[0].trim().replaceFirst("^%[\\w-]+\\.", ""))
                    .filter(key -> !key.isEmpty())
                    .forEach(key -> names.add(ConfigMappingNames.envName(key)));
        } else {
            text = SourceText.withoutHashComments(text); // Python and shell
        }
        collect(NAME, text, names);
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (MalformedInputException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
