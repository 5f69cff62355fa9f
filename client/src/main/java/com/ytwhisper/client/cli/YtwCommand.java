package com.ytwhisper.client.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The {@code ytw} command line; its subcommands are the CLI's table of contents. */
@TopCommand
@Command(name = "ytw", mixinStandardHelpOptions = true,
        description = "Submit video URLs to a yt-whisper-worker endpoint and track the jobs.")
public class YtwCommand {
}
