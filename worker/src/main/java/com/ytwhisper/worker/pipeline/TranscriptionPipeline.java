package com.ytwhisper.worker.pipeline;

import com.ytwhisper.worker.cache.CacheLookup;
import com.ytwhisper.worker.cache.TranscriptCache;
import com.ytwhisper.worker.download.AudioConverter;
import com.ytwhisper.worker.download.DownloadCancelledException;
import com.ytwhisper.worker.download.DownloadException;
import com.ytwhisper.worker.download.DownloadLimits;
import com.ytwhisper.worker.download.DownloadedAudio;
import com.ytwhisper.worker.egress.UrlRefusedException;
import com.ytwhisper.worker.download.YtDlpDownloader;
import com.ytwhisper.worker.sidecar.BatchSizing;
import com.ytwhisper.worker.sidecar.EngineInfo;
import com.ytwhisper.worker.sidecar.SidecarConfig;
import com.ytwhisper.worker.sidecar.SidecarException;
import com.ytwhisper.worker.sidecar.TranscribeOptions;
import com.ytwhisper.worker.sidecar.Transcriber;
import com.ytwhisper.worker.sidecar.TranscriptionCancelledException;
import com.ytwhisper.worker.sidecar.TranscriptionListener;
import com.ytwhisper.worker.storage.Storage;
import com.ytwhisper.worker.storage.StorageException;
import com.ytwhisper.worker.storage.StorageRequest;
import com.ytwhisper.worker.storage.StorageResolver;
import com.ytwhisper.worker.storage.StoredObject;
import com.ytwhisper.worker.subtitles.SubtitleFormat;
import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Transcript;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The product's job handler: validate the input, fetch the audio, transcribe it with the warm
 * engine, write the subtitle files and store them, answering with the prototype's output
 * (docs/prototype-contract.md, Job output). Every expected failure becomes a one-sentence error
 * naming the cause and the fix; the job folder is deleted in every outcome.
 */
@ApplicationScoped
public class TranscriptionPipeline implements JobHandler {

    private static final Logger LOG = Logger.getLogger(TranscriptionPipeline.class);

    private final Transcriber transcriber;
    private final AudioSource audio;
    private final StorageResolver storage;
    private final JobFolders folders;
    private final BatchSizing batches;
    private final TranscriptCache cache;
    private final EngineSlots slots = new EngineSlots();
    private final boolean ignoreUnknownInput;
    private final boolean localOutputAllowed;
    private final OfficialJobs official;
    private volatile EngineInfo engine;

    @Inject
    public TranscriptionPipeline(PipelineConfig config, Transcriber transcriber, YtDlpDownloader downloader,
                                 AudioConverter converter, DownloadLimits limits, StorageResolver storage,
                                 SidecarConfig engineConfig, TranscriptCache cache) {
        this.transcriber = transcriber;
        this.batches = BatchSizing.from(engineConfig);
        this.cache = cache;
        this.audio = new AudioSource(downloader, converter, storage, limits);
        this.storage = storage;
        this.folders = new JobFolders(config.workDir().map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "ytw-worker-jobs")));
        this.ignoreUnknownInput = config.ignoreUnknownInput();
        this.localOutputAllowed = config.mode().localFilesAllowed();
        this.official = new OfficialJobs(transcriber, audio, slots, folders, () -> engine, ignoreUnknownInput);
    }

    @Override
    public void awaitReady() {
        folders.deleteLeftovers();
        engine = transcriber.awaitReady();
        LOG.infof("engine ready: %s, model %s on %s (%s), loaded in %.1f s", engine.engine(), engine.model(),
                engine.device(), engine.computeType(), engine.loadSeconds());
    }

    @Override
    public JobResult handle(Job job, ProgressSink progress, Cancellation cancel) {
        if (OfficialInputParser.applies(job.input())) {
            return official.handle(job, progress, cancel);
        }
        JobInput in;
        try {
            in = JobInputParser.parse(job.input(), job.id(), ignoreUnknownInput, localOutputAllowed);
        } catch (InvalidInputException e) {
            return JobOutput.failed(e.getMessage(), e.requestId());
        }
        Path dir = null;
        try {
            StorageRequest target = in.storage();
            // the storage package checks a job's own endpoint against the egress policy as it resolves it
            Storage results = storage.forResults(target, localOutputAllowed);
            // fail in seconds, not after the download and the engine's hours: the results must have a home
            results.checkWritable(in.fileName(SubtitleFormat.SRT));
            dir = folders.create(job.id());
            return JobResult.success(run(job.id(), in, target, results, dir, progress, cancel).toJson());
        } catch (DownloadCancelledException | TranscriptionCancelledException e) {
            throw new Cancellation.CancelledException(cancel.isCancelled() ? cancel.reason() : e.getMessage());
        } catch (UrlRefusedException | DownloadException | StorageException | SidecarException e) {
            cancel.throwIfCancelled();
            LOG.warnf("job %s failed: %s", job.id(), e.getMessage());
            return JobOutput.failed(e.getMessage(), in.requestId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancellation.CancelledException("interrupted");
        } finally {
            JobFolders.delete(dir);
        }
    }

    private JobOutput run(String jobId, JobInput in, StorageRequest target, Storage results, Path dir,
                          ProgressSink progress, Cancellation cancel) throws InterruptedException {
        progress.report(ProgressSink.Stage.DOWNLOADING, 0);
        CacheLookup cached = cache.lookUp(new TranscriptCache.Request(in.source().field(), in.source().url(),
                in.cache(), target, engine, options(in)), results, dir, cancel::onCancel);
        cancel.throwIfCancelled();
        if (cached.transcript().isPresent()) {
            LOG.infof("job %s: transcript from the cache (no download, no transcription)", jobId);
            // live-transcript readers (ytw watch) get the cues of a hit too
            cached.transcript().get().segments().forEach(segment -> progress.partial(TranscriptPiece.of(segment)));
            return store(in, results, progress, cached.transcript().get(), 0, 0, cached);
        }
        long started = System.nanoTime();
        Transcript transcript;
        double downloadS;
        double transcribeS;
        slots.enterLine(progress, cancel);
        try {
            DownloadedAudio media = audio.fetch(in, target, dir, progress, cancel, cached.infoJson());
            downloadS = Timings.secondsSince(started);
            slots.takeEngine(progress, cancel);
            long transcribing = System.nanoTime();
            try {
                cancel.onCancel(() -> transcriber.cancel(jobId));
                cancel.throwIfCancelled(); // a cancel that came while waiting for the engine
                progress.report(ProgressSink.Stage.TRANSCRIBING, 0);
                transcript = transcriber.transcribe(jobId, media.wav(), options(in), media.durationS(),
                        progressOf(progress));
            } finally {
                slots.releaseEngine();
            }
            transcribeS = Timings.secondsSince(transcribing);
        } finally {
            slots.leaveLine();
        }
        cancel.throwIfCancelled();
        cached.store(transcript);
        return store(in, results, progress, transcript, downloadS, transcribeS, cached);
    }

    /** Renders the asked formats from {@code transcript} and stores them under the job's request id. */
    private static JobOutput store(JobInput in, Storage results, ProgressSink progress, Transcript transcript,
                                   double downloadS, double transcribeS, CacheLookup cached) {
        long uploading = System.nanoTime();
        progress.report(ProgressSink.Stage.UPLOADING, null);
        Map<SubtitleFormat, StoredObject> files = new LinkedHashMap<>();
        for (SubtitleFormat format : in.formats()) {
            files.put(format, results.put(in.fileName(format), format.render(transcript, in.layout()),
                    format.contentType()));
        }
        Timings timings = new Timings(downloadS, transcribeS, Timings.secondsSince(uploading),
                cached.enabled() ? cached.probeS() : null, cached.enabled() ? cached.entryS() : null);
        return new JobOutput(in.requestId(), files, transcript.info(), transcript.segments().size(), timings,
                cached.status().wireName());
    }

    private TranscribeOptions options(JobInput in) {
        return in.transcription().options(batches);
    }

    /** Progress reports, and each decoded segment as a stream item. */
    static TranscriptionListener progressOf(ProgressSink progress) {
        return new TranscriptionListener() {
            @Override
            public void onSegment(Segment segment) {
                progress.partial(TranscriptPiece.of(segment));
            }

            @Override
            public void onProgress(double decodedS, double durationS) {
                if (durationS > 0) {
                    progress.report(ProgressSink.Stage.TRANSCRIBING, (int) Math.min(100, decodedS * 100 / durationS));
                }
            }
        };
    }
}
