package com.ytwhisper.client.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.ytwhisper.client.jobs.JobRequest;
import com.ytwhisper.client.jobs.JobRequests;
import com.ytwhisper.client.jobs.JobStatus;
import com.ytwhisper.client.jobs.JobStore;
import com.ytwhisper.client.jobs.S3Access;
import com.ytwhisper.client.jobs.Secrets;
import com.ytwhisper.client.jobs.Submission;
import com.ytwhisper.client.jobs.Submission.SubmitFailed;
import com.ytwhisper.client.runpod.RunpodClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ytw submit} (and {@code run_yt_job}): one job per URL, job ids on stdout, poller started. */
@Command(name = "submit", description = "Submit video URLs; prints one job id per line.", footer = ExitCodes.FOOTER)
public class SubmitCommand implements Callable<Integer> {

    @Mixin
    CommandSkeleton cli;

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

    @Option(names = "--wait", description = "Wait for the jobs to finish (see ytw wait); prints every result path.")
    boolean waitForJobs;

    @Option(names = "--live", description = "With --wait and one URL: print the transcript's cues as the worker streams them (see ytw watch).")
    boolean live;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class, description = "With --wait: give up after DURATION (exit 3).")
    Duration waitTimeout;

    @Option(names = "--no-follow", description = "Do not start the background poller (ytw resume, status or wait start it later).")
    boolean noFollow;

    @Option(names = "--json", description = "Print each job's status JSON instead of its id.")
    boolean json;

    private final JobRequests jobRequests;
    private final Endpoint endpoint;
    private final Submission submission;
    private final S3Access s3;
    private final Polling polling;
    private final JobStore store;
    private final Secrets secrets;
    private final Waiter.Factory waiters;

    SubmitCommand(JobRequests jobRequests, Endpoint endpoint, Submission submission, S3Access s3, Polling polling,
            JobStore store, Secrets secrets, Waiter.Factory waiters) {
        this.jobRequests = jobRequests;
        this.endpoint = endpoint;
        this.submission = submission;
        this.s3 = s3;
        this.polling = polling;
        this.store = store;
        this.secrets = secrets;
        this.waiters = waiters;
    }

    @Override
    public Integer call() {
        List<String> all = allUrls();
        if (waitForJobs && noFollow) {
            throw new JobRequests.InvalidRequest("--wait needs the background poller; drop --no-follow");
        }
        if (live && (!waitForJobs || all.size() != 1)) {
            throw new JobRequests.InvalidRequest("--live prints one job's transcript while it is made: use it with --wait and one URL");
        }
        List<JobRequest> requests = jobRequests.create(all, new JobRequests.Options(requestId, language, task, formats,
                s3Bucket, s3Prefix, webhook, executionTimeout, ttl, passCredentials));
        RunpodClient client = endpoint.client();
        Submission.AudioSource audio = localDownload
                ? s3.localAudio(requests.get(0).ttl() != null ? requests.get(0).ttl() : JobRequests.RUNPOD_DEFAULT_TTL)
                : null;
        List<String> submitted = new ArrayList<>();
        int exit = ExitCodes.OK;
        for (JobRequest request : requests) {
            try {
                JobStatus job = submission.submit(request, client, audio);
                submitted.add(job.jobId());
                cli.println(json ? store.readRaw(job.jobId()).orElseThrow() : job.jobId());
            } catch (SubmitFailed e) {
                if (requests.size() == 1) {
                    throw e;
                }
                cli.err().println("ytw submit: " + request.url() + ": job " + e.job().jobId() + ": "
                        + secrets.redact(e.job().error()));
                exit = Math.max(exit, CommandLineSetup.exitCode(e));
                if (CommandLineSetup.exitCode(e) == ExitCodes.USAGE) {
                    break; // a rejected key or unknown endpoint fails every other URL the same way
                }
            }
        }
        if (!submitted.isEmpty() && !noFollow) {
            polling.start(waitForJobs);
        }
        if (waitForJobs && !submitted.isEmpty()) {
            Waiter waiter = waiters.create(cli.out(), cli.err(), json);
            int waited = live ? waiter.watch(submitted.get(0), waitTimeout) : waiter.await(submitted, waitTimeout);
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
                throw new JobRequests.InvalidRequest("cannot read --from-file " + fromFile + ": " + e.getMessage());
            }
        }
        return all;
    }
}
