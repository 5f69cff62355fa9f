package com.ytwhisper.client.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ytw install-links DIR}: puts ytw and the prototype commands (docs/prototype-contract.md,
 * Commands) on a PATH (e.g. n8n's).
 */
@Command(name = "install-links", description = "Create symlinks to ytw, run_yt_job, check_yt_job and dump_yt_job_log in DIR.",
        footer = ExitCodes.FOOTER)
public class InstallLinksCommand implements Callable<Integer> {

    static final List<String> PROGRAMS = List.of("ytw", "run_yt_job", "check_yt_job", "dump_yt_job_log");

    @Mixin
    CommandSkeleton cli;

    @Parameters(paramLabel = "DIR", description = "Folder on the PATH, e.g. ~/.local/bin.")
    Path dir;

    @Option(names = "--force", description = "Replace existing files of the same names.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        String binDir = System.getenv("YTW_BIN_DIR");
        if (binDir == null || binDir.isBlank()) {
            throw new ExitException(ExitCodes.USAGE, "run install-links through client/bin/ytw (it sets YTW_BIN_DIR)");
        }
        Files.createDirectories(dir);
        for (String program : PROGRAMS) {
            Path target = Path.of(binDir, program).toAbsolutePath();
            Path link = dir.resolve(program);
            if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isSymbolicLink(link) && !force) {
                    throw new ExitException(ExitCodes.USAGE, link + " exists and is not a symlink; use --force to replace it");
                }
                Files.delete(link);
            }
            Files.createSymbolicLink(link, target);
            cli.out().println(link + " -> " + target);
        }
        cli.out().flush();
        return ExitCodes.OK;
    }
}
