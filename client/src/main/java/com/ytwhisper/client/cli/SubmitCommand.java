package com.ytwhisper.client.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.ytwhisper.client.jobs.JobRequest;
import com.ytwhisper.client.jobs.JobStatus;
import com.ytwhisper.client.jobs.JobsConfig;
import com.ytwhisper.client.jobs.Submission;
import com.ytwhisper.client.jobs.Submission.SubmitFailed;
import com.ytwhisper.client.runpod.RunpodClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ytw submit} (and {@code run_yt_job}): one job per URL, job ids on stdout, poller started. */
@Command(name = "submit", description = "Submit video URLs; prints one job id per line.", footer = ExitCodes.FOOTER)
public class SubmitCommand implements Callable<Integer> {

    /** Runpod's limits for policy.executionTimeout and policy.ttl. */
    private static final Duration MIN_EXECUTION = Duration.ofSeconds(5);
    private static final Duration MIN_TTL = Duration.ofSeconds(10);
    private static final Duration MAX_POLICY = Duration.ofDays(7);
    private static final Duration RUNPOD_DEFAULT_TTL = Duration.ofHours(24);

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "URL", arity = "0..*", description = "Video URLs (anything yt-dlp supports).")
    List<String> urls = new ArrayList<>();

    @Option(names = "--from-file", paramLabel = "FILE", description = "Read more URLs from FILE, one per line (# starts a comment).")
    Path fromFile;

    @Option(names = "--request-id", paramLabel = "ID", description = "Names the output object (one URL only); default: the job id.")
    String requestId;

    @Option(names = "--language", description = "Spoken language, e.g. en (default: YTW_LANGUAGE, else detected).")
    String language;

    @Option(names = "--task", description = "transcribe or translate (to English).")
    String task;

    @Option(names = "--format", paramLabel = "FORMAT", split = ",", description = "Subtitle formats, e.g. srt,vtt (default: YTW_FORMATS).")
    List<String> formats;

    @Option(names = "--s3-bucket", paramLabel = "BUCKET", description = "Result bucket (default: S3_BUCKET, else the worker's).")
    String s3Bucket;

    @Option(names = "--s3-prefix", paramLabel = "PREFIX", description = "Result key prefix (default: S3_KEY_PREFIX, else the worker's).")
    String s3Prefix;

    @Option(names = "--webhook", paramLabel = "URL", description = "Runpod calls this URL when the job ends.")
    String webhook;

    @Option(names = "--execution-timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "Longest run on a worker, e.g. 4h (default: YTW_EXECUTION_TIMEOUT, 3h).")
    Duration executionTimeout;

    @Option(names = "--ttl", paramLabel = "DURATION", converter = Durations.class,
            description = "Job lifetime from submit, queue included; must exceed the execution timeout (default: YTW_TTL, else Runpod's 24h).")
    Duration ttl;

    @Option(names = "--pass-credentials", description = "Put AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and S3_ENDPOINT_URL into the job input.")
    boolean passCredentials;

    @Option(names = "--local-download", description = "Download the audio here with yt-dlp, upload it to S3_BUCKET and let "
            + "the worker read it from a presigned URL valid for the ttl (for sites that block data-centre addresses).")
    boolean localDownload;

    @Option(names = "--wait", description = "Wait for the jobs to finish (see ytw wait).")
    boolean waitForJobs;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class, description = "With --wait: give up after DURATION (exit 3).")
    Duration waitTimeout;

    @Option(names = "--no-follow", description = "Do not start the background poller (ytw resume, status or wait start it later).")
    boolean noFollow;

    @Option(names = "--json", description = "Print each job's status JSON instead of its id.")
    boolean json;

    private final ClientContext context;

    SubmitCommand(ClientContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<String> all = allUrls();
        List<JobRequest> requests = all.stream().map(this::request).toList();
        RunpodClient client = context.runpod();
        Submission submission = context.submission();
        Submission.AudioSource audio = localDownload
                ? context.localAudio(requests.get(0).ttl() != null ? requests.get(0).ttl() : RUNPOD_DEFAULT_TTL)
                : null;
        List<String> submitted = new ArrayList<>();
        int exit = ExitCodes.OK;
        for (JobRequest request : requests) {
            try {
                JobStatus job = submission.submit(request, client, audio);
                submitted.add(job.jobId());
                spec.commandLine().getOut().println(json ? context.store().readRaw(job.jobId()).orElseThrow() : job.jobId());
                spec.commandLine().getOut().flush();
            } catch (SubmitFailed e) {
                if (requests.size() == 1) {
                    throw e;
                }
                spec.commandLine().getErr().println("ytw submit: " + request.url() + ": job " + e.job().jobId() + ": "
                        + context.secrets().redact(e.job().error()));
                exit = Math.max(exit, CommandLineSetup.exitCode(e));
                if (CommandLineSetup.exitCode(e) == ExitCodes.USAGE) {
                    break; // a rejected key or unknown endpoint fails every other URL the same way
                }
            }
        }
        if (!submitted.isEmpty() && !noFollow) {
            context.launcher().ensureRunning(List.of());
        }
        if (waitForJobs && !submitted.isEmpty()) {
            int waited = new Waiter(context, spec.commandLine().getOut(), spec.commandLine().getErr(), json)
                    .await(submitted, waitTimeout);
            exit = Math.max(exit, waited);
        }
        return exit;
    }

    private List<String> allUrls() {
        List<String> all = new ArrayList<>(urls);
        if (fromFile != null) {
            try {
                Files.readAllLines(fromFile).stream().map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(all::add);
            } catch (IOException e) {
                throw usage("cannot read --from-file " + fromFile + ": " + e.getMessage());
            }
        }
        if (all.isEmpty()) {
            throw usage("give at least one URL (or --from-file FILE)");
        }
        if (requestId != null && all.size() > 1) {
            throw usage("--request-id names one output object; give exactly one URL with it");
        }
        if (requestId != null && !com.ytwhisper.client.jobs.JobId.isSafe(requestId)) {
            throw usage("--request-id may use letters, digits, - and _ (up to 128), starting with a letter or digit");
        }
        if (waitForJobs && noFollow) {
            throw usage("--wait needs the background poller; drop --no-follow");
        }
        all.forEach(this::checkUrl);
        return all;
    }

    private JobRequest request(String url) {
        JobsConfig defaults = context.jobs();
        Duration execution = executionTimeout != null ? executionTimeout : defaults.executionTimeout();
        Duration lifetime = ttl != null ? ttl : defaults.ttl().orElse(null);
        checkPolicy(execution, lifetime);
        if (task != null && !task.equals("transcribe") && !task.equals("translate")) {
            throw usage("--task must be transcribe or translate, not '" + task + "'");
        }
        return new JobRequest(url, requestId,
                s3Bucket != null ? s3Bucket : context.s3().bucket().orElse(null),
                s3Prefix != null ? s3Prefix : context.s3().keyPrefix().orElse(null),
                language != null ? language : defaults.language().orElse(null),
                task,
                formats != null ? formats : defaults.formats().orElse(null),
                passCredentials ? credentials() : null,
                webhook, execution, lifetime);
    }

    private void checkPolicy(Duration execution, Duration lifetime) {
        if (execution.compareTo(MIN_EXECUTION) < 0 || execution.compareTo(MAX_POLICY) > 0) {
            throw usage("--execution-timeout must be between 5s and 7d");
        }
        if (lifetime != null && (lifetime.compareTo(MIN_TTL) < 0 || lifetime.compareTo(MAX_POLICY) > 0)) {
            throw usage("--ttl must be between 10s and 7d");
        }
        Duration effectiveTtl = lifetime != null ? lifetime : RUNPOD_DEFAULT_TTL;
        if (effectiveTtl.compareTo(execution) <= 0) {
            throw usage("the ttl (" + Durations.format(effectiveTtl) + (lifetime == null ? ", Runpod's default" : "")
                    + ") must be longer than the execution timeout (" + Durations.format(execution)
                    + "): Runpod deletes a job when its ttl ends, even while it runs. Raise --ttl or lower --execution-timeout");
        }
    }

    private JobRequest.Credentials credentials() {
        String access = context.aws().accessKeyId().orElse(null);
        String secret = context.aws().secretAccessKey().orElse(null);
        if (access == null || secret == null) {
            throw usage("--pass-credentials needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to be set");
        }
        return new JobRequest.Credentials(access, secret, context.s3().endpointUrl().orElse(null));
    }

    private void checkUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw usage("'" + url + "' is not an http(s) URL");
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
