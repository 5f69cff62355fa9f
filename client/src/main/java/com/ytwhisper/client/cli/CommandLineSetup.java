package com.ytwhisper.client.cli;

import java.io.PrintWriter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import com.ytwhisper.client.jobs.JobNotUsable;
import com.ytwhisper.client.jobs.JobRequests;
import com.ytwhisper.client.jobs.Secrets;
import com.ytwhisper.client.jobs.Submission.SubmitFailed;
import com.ytwhisper.client.runpod.ConfigProblem;
import com.ytwhisper.client.runpod.RunpodCallException;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import picocli.CommandLine;

/**
 * The one place where failures become exit codes and stderr messages (with secrets masked), so no
 * command calls {@code System.exit} or prints a stack trace. Every error is one line
 * ("ytw submit: ..."); {@code ytw} adds a second pointing at {@code --help}, while the prototype's
 * commands (docs/prototype-contract.md, Commands: {@code run_yt_job}, ..., which set
 * {@code YTW_PROGRAM}) print the one line alone:
 * n8n shows it as the failure.
 */
@ApplicationScoped
class CommandLineSetup {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory, Secrets secrets) {
        String program = System.getenv("YTW_PROGRAM");
        return factory.create().setExecutionExceptionHandler((failure, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println(prefix(program, commandLine) + secrets.redact(message(failure)));
            err.flush();
            return exitCode(failure);
        }).setParameterExceptionHandler((failure, args) -> {
            CommandLine commandLine = failure.getCommandLine();
            PrintWriter err = commandLine.getErr();
            err.println(prefix(program, commandLine) + secrets.redact(failure.getMessage()));
            if (program == null || program.isBlank()) {
                err.println("(" + commandLine.getCommandSpec().qualifiedName() + " --help shows the usage)");
            }
            err.flush();
            return ExitCodes.USAGE;
        });
    }

    private static String prefix(String program, CommandLine commandLine) {
        return program != null && !program.isBlank() ? program + ": " : commandLine.getCommandSpec().qualifiedName() + ": ";
    }

    static int exitCode(Throwable failure) {
        Throwable cause = failure instanceof SubmitFailed s && s.getCause() != null ? s.getCause() : failure;
        if (cause instanceof ExitException e) {
            return e.code();
        }
        if (cause instanceof ConfigProblem || cause instanceof JobRequests.InvalidRequest || cause instanceof JobNotUsable) {
            return ExitCodes.USAGE;
        }
        if (cause instanceof RunpodCallException e) {
            return e.kind().isOutage() ? ExitCodes.API_UNREACHABLE : ExitCodes.USAGE;
        }
        if (cause instanceof TimeoutException || cause instanceof CircuitBreakerOpenException) {
            return ExitCodes.API_UNREACHABLE;
        }
        return ExitCodes.JOB_ERROR;
    }

    static String message(Throwable failure) {
        if (failure instanceof SubmitFailed s) {
            return "job " + s.job().jobId() + ": " + s.job().error();
        }
        if (failure instanceof RunpodCallException e && e.kind() == RunpodCallException.Kind.NOT_FOUND) {
            return "the endpoint API answered 404: check RUNPOD_ENDPOINT_ID and RUNPOD_ENDPOINT_BASE_URL";
        }
        if (failure instanceof TimeoutException) {
            return "no answer from the endpoint API in time (RUNPOD_CALL_TIMEOUT_MS)";
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return "the endpoint API keeps failing; try again later";
        }
        return failure.getMessage() != null ? failure.getMessage() : failure.toString();
    }
}
