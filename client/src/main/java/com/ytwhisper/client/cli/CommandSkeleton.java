package com.ytwhisper.client.cli;

import java.io.PrintWriter;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code ytw} command shares, mixed in with {@code @Mixin}: {@code -h/--help} (usage on
 * stdout, exit 0) and the command's stdout and stderr writers.
 */
public class CommandSkeleton {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Results: what callers parse. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Messages and progress. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints {@code line} on stdout at once (callers may be waiting for it). */
    void println(Object line) {
        out().println(line);
        out().flush();
    }
}
