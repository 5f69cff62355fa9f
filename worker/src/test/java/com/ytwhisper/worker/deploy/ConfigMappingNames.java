package com.ytwhisper.worker.deploy;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment names a {@code @ConfigMapping} interface reads, derived from its source the way
 * SmallRye Config maps them: prefix {@code worker} with {@code maxDurationS()} is the property
 * {@code worker.max-duration-s}, which {@code WORKER_MAX_DURATION_S} sets. {@code @WithName}
 * replaces a method's name; a method returning a group interface declared in the same file adds
 * that group's names under the method's name.
 */
final class ConfigMappingNames {

    private static final Pattern MAPPING = Pattern.compile(
            "@(?:[\\w.]+\\.)?ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]*)\"\\s*\\)[^{;]*?\\binterface\\s+\\w+[^{]*\\{");
    private static final Pattern METHOD = Pattern.compile("([\\w.]+)(?:<[^()]*>)?\\s+(\\w+)\\s*\\(\\s*\\)$");
    private static final Pattern WITH_NAME = Pattern.compile("@(?:[\\w.]+\\.)?WithName\\s*\\(\\s*\"([^\"]+)\"\\s*\\)");

    private ConfigMappingNames() {
    }

    /** Environment names of every mapping in {@code javaSource} (comments already removed). */
    static Set<String> in(String javaSource) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = MAPPING.matcher(javaSource);
        while (m.find()) {
            addGroup(javaSource, m.end(), m.group(1), names, 0);
        }
        return names;
    }

    /** {@code SOME_ENV} for a property name: every character that is not a letter or digit becomes '_'. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("([A-Z])([A-Z][a-z])", "$1-$2").toLowerCase();
    }

    /** Walks the body that starts at {@code bodyStart} (just after its '{'), one member per ';' at depth 1. */
    private static void addGroup(String source, int bodyStart, String prefix, Set<String> names, int nesting) {
        int depth = 1;
        StringBuilder member = new StringBuilder();
        for (int i = bodyStart; i < source.length() && depth > 0; i++) {
            char c = source.charAt(i);
            if (c == '{') {
                depth++;
                member.setLength(0); // a nested type's header, not a member
            } else if (c == '}') {
                depth--;
                member.setLength(0);
            } else if (depth == 1 && c == ';') {
                addMember(source, member.toString().trim(), prefix, names, nesting);
                member.setLength(0);
            } else if (depth == 1) {
                member.append(c);
            }
        }
    }

    private static void addMember(String source, String member, String prefix, Set<String> names, int nesting) {
        String withoutAnnotations = member.replaceAll("@[\\w.]+(\\s*\\((?:[^()\"]|\"[^\"]*\")*\\))?", " ").trim();
        Matcher method = METHOD.matcher(withoutAnnotations);
        if (!method.find()) {
            return;
        }
        Matcher withName = WITH_NAME.matcher(member);
        String key = withName.find() ? withName.group(1) : kebab(method.group(2));
        String property = prefix.isEmpty() ? key : prefix + "." + key;
        Matcher group = Pattern.compile("\\binterface\\s+" + Pattern.quote(method.group(1)) + "\\b[^{]*\\{").matcher(source);
        if (nesting < 5 && group.find()) {
            addGroup(source, group.end(), property, names, nesting + 1);
        } else {
            names.add(envName(property));
        }
    }
}
