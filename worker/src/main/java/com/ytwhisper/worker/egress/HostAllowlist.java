package com.ytwhisper.worker.egress;

import java.util.Arrays;
import java.util.List;

/**
 * Optional restriction of public destinations ({@code WORKER_URL_ALLOWLIST}): a comma list of exact
 * hosts ({@code www.youtube.com}) and suffix patterns ({@code *.googlevideo.com}, which matches
 * subdomains only). Empty means every public host.
 */
final class HostAllowlist {

    static final String SETTING = "WORKER_URL_ALLOWLIST";

    private final List<String> entries;

    private HostAllowlist(List<String> entries) {
        this.entries = entries;
    }

    static HostAllowlist parse(String setting) {
        List<String> entries = setting == null ? List.of() : Arrays.stream(setting.split(","))
                .map(String::strip)
                .filter(e -> !e.isEmpty())
                .map(HostLiteral::normalize)
                .toList();
        for (String entry : entries) {
            String host = entry.startsWith("*.") ? entry.substring(2) : entry;
            if (host.isEmpty() || host.contains("*") || host.contains("/") || host.contains(" ")) {
                throw new IllegalArgumentException(SETTING + " entry '" + entry
                        + "' is not valid; use host names such as www.youtube.com or *.googlevideo.com, separated by commas");
            }
        }
        return new HostAllowlist(entries);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** @param host normalized host as spelled */
    boolean allows(String host) {
        if (entries.isEmpty()) {
            return true;
        }
        for (String entry : entries) {
            if (entry.startsWith("*.") ? host.endsWith(entry.substring(1)) : host.equals(entry)) {
                return true;
            }
        }
        return false;
    }
}
