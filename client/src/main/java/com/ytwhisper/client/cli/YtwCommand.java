package com.ytwhisper.client.cli;

import java.util.concurrent.Callable;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code ytw} command line; its subcommands are the CLI's table of contents. The prototype's
 * scripts (docs/prototype-contract.md, Commands) map onto them: {@code run_yt_job} is
 * {@code submit}, {@code check_yt_job} is {@code status} and {@code dump_yt_job_log} is
 * {@code logs}.
 */
@TopCommand
@Command(name = "ytw", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Submit video URLs to a yt-whisper-worker endpoint and track the jobs.",
        footer = ExitCodes.FOOTER,
        subcommands = {
                SubmitCommand.class,
                StatusCommand.class,
                LogsCommand.class,
                WaitCommand.class,
                WatchCommand.class,
                ListCommand.class,
                CancelCommand.class,
                RetryCommand.class,
                HealthCommand.class,
                PurgeCommand.class,
                ResumeCommand.class,
                FetchCommand.class,
                InstallLinksCommand.class,
                PollCommand.class,
        })
public class YtwCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
