package com.ytwhisper.client.jobs;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Job ids {@code YYYYMMDD-HHMMSS-<random number>} (local time; docs/prototype-contract.md,
 * Commands). The random part makes clashes rare; {@link JobStore#reserve} makes them impossible
 * by creating the job's folder exclusively and drawing again on a clash.
 */
public final class JobId {

    /** What a job id may look like when read from a command line: no path tricks. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final RandomGenerator random;
    private final ZoneId zone;

    public JobId(RandomGenerator random, ZoneId zone) {
        this.random = random;
        this.zone = zone;
    }

    public static JobId systemDefault() {
        return new JobId(new SecureRandom(), ZoneId.systemDefault());
    }

    /** A new candidate id for a job submitted at {@code now}. */
    public String next(Instant now) {
        return STAMP.format(now.atZone(zone)) + "-" + (10_000_000 + random.nextInt(90_000_000));
    }

    /** True for ids that are safe to use as file names (no separators, no leading dot). */
    public static boolean isSafe(String id) {
        return id != null && SAFE.matcher(id).matches();
    }
}
