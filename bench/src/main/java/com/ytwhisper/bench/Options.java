package com.ytwhisper.bench;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Command-line options: {@code --quick} (a few minutes, fewer runs), {@code --only 1,3} (items to run),
 * {@code --runs N} (repetitions of each start and client measurement).
 *
 * @param quick         the short mode
 * @param items         which of the eight items run
 * @param startRuns     worker starts per launch variant (items 1 and 4); rounds of item 8
 * @param overheadJobs  validation-failing jobs per run (item 2)
 * @param overheadRuns  runs per concurrency (item 2)
 * @param overlapJobs   throttled real jobs per run (item 3)
 * @param overlapRuns   runs per concurrency (item 3)
 * @param clientRuns    calls per client command and variant (item 5)
 * @param subtitleReps  timed renders of the long transcript (item 6)
 */
record Options(boolean quick, Set<Integer> items, int startRuns, int overheadJobs, int overheadRuns,
               int overlapJobs, int overlapRuns, int clientRuns, int subtitleReps) {

    static final String USAGE = "usage: bench/run [--quick] [--only 1,2,...] [--runs N]";

    static Options parse(String[] args) {
        boolean quick = false;
        Set<Integer> items = new TreeSet<>(Set.of(1, 2, 3, 4, 5, 6, 7, 8));
        Integer runs = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--only" -> items = Arrays.stream(value(args, ++i, "--only").split(","))
                        .map(s -> item(s.strip())).collect(Collectors.toCollection(TreeSet::new));
                case "--runs" -> runs = positive(value(args, ++i, "--runs"), "--runs");
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
        }
        int starts = runs != null ? runs : quick ? 2 : 5;
        return quick
                ? new Options(true, items, starts, 40, 1, 3, 1, runs != null ? runs : 3, 10)
                : new Options(false, items, starts, 200, 3, 6, 2, runs != null ? runs : 10, 30);
    }

    boolean runs(int item) {
        return items.contains(item);
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value; " + USAGE);
        }
        return args[i];
    }

    private static int item(String s) {
        int n = positive(s, "--only");
        if (n > 8) {
            throw new IllegalArgumentException("--only takes items 1 to 8, got " + s);
        }
        return n;
    }

    private static int positive(String s, String name) {
        try {
            int n = Integer.parseInt(s);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a positive whole number, got \"" + s + "\"; " + USAGE);
    }
}
