package com.ytwhisper.worker.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.worker.download.DownloadCancelledException;
import com.ytwhisper.worker.download.DownloadException;
import com.ytwhisper.worker.download.DownloadedAudio;
import com.ytwhisper.worker.egress.UrlRefusedException;
import com.ytwhisper.worker.sidecar.EngineInfo;
import com.ytwhisper.worker.sidecar.SidecarException;
import com.ytwhisper.worker.sidecar.TranscribeOptions;
import com.ytwhisper.worker.sidecar.Transcriber;
import com.ytwhisper.worker.sidecar.TranscriptionCancelledException;
import com.ytwhisper.worker.sidecar.TranscriptionListener;
import com.ytwhisper.worker.storage.StorageException;
import com.ytwhisper.worker.storage.StorageRequest;
import com.ytwhisper.worker.transcript.Transcript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Jobs in the official worker-faster_whisper schema: the same download, engine and streaming as
 * this worker's own jobs, answered inline in that worker's output shape instead of stored files.
 * Errors are {@code {"error": "..."}} without an output, as that worker sends them.
 */
final class OfficialJobs {

    private static final Logger LOG = Logger.getLogger(OfficialJobs.class);
    private static final String ENGLISH = "en";

    private final Transcriber transcriber;
    private final AudioSource audio;
    private final EngineSlots slots;
    private final JobFolders folders;
    private final Supplier<EngineInfo> engine;
    private final boolean ignoreUnknownInput;

    OfficialJobs(Transcriber transcriber, AudioSource audio, EngineSlots slots, JobFolders folders,
                 Supplier<EngineInfo> engine, boolean ignoreUnknownInput) {
        this.transcriber = transcriber;
        this.audio = audio;
        this.slots = slots;
        this.folders = folders;
        this.engine = engine;
        this.ignoreUnknownInput = ignoreUnknownInput;
    }

    JobResult handle(Job job, ProgressSink progress, Cancellation cancel) {
        EngineInfo info = engine.get();
        OfficialInput in;
        try {
            in = OfficialInputParser.parse(job.input(), job.id(), info == null ? null : OfficialOutput.servedModel(info),
                    ignoreUnknownInput);
        } catch (InvalidInputException e) {
            return JobResult.failure(e.getMessage(), null);
        }
        Path dir = null;
        try {
            dir = folders.create(job.id());
            return JobResult.success(run(job.id(), in, dir, progress, cancel));
        } catch (DownloadCancelledException | TranscriptionCancelledException e) {
            throw new Cancellation.CancelledException(cancel.isCancelled() ? cancel.reason() : e.getMessage());
        } catch (UrlRefusedException | DownloadException | StorageException | SidecarException e) {
            cancel.throwIfCancelled();
            LOG.warnf("job %s failed: %s", job.id(), e.getMessage());
            return JobResult.failure(e.getMessage(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the job's audio under " + folders.root(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancellation.CancelledException("interrupted");
        } finally {
            JobFolders.delete(dir);
        }
    }

    private ObjectNode run(String jobId, OfficialInput in, Path dir, ProgressSink progress, Cancellation cancel)
            throws InterruptedException, IOException {
        Transcript transcript;
        String translation = null;
        slots.enterLine(progress, cancel);
        try {
            DownloadedAudio media = media(in, dir, progress, cancel);
            slots.takeEngine(progress, cancel);
            try {
                cancel.onCancel(() -> transcriber.cancel(jobId));
                cancel.throwIfCancelled();
                progress.report(ProgressSink.Stage.TRANSCRIBING, 0);
                TranscribeOptions options = new TranscribeOptions(in.language(), "transcribe", in.wordTimestamps(),
                        in.enableVad(), in.beamSize(), in.initialPrompt(), 1);
                transcript = transcriber.transcribe(jobId, media.wav(), options, media.durationS(),
                        TranscriptionPipeline.progressOf(progress));
                if (in.translate()) {
                    translation = translate(jobId, in, transcript, media, progress);
                }
            } finally {
                slots.releaseEngine();
            }
        } finally {
            slots.leaveLine();
        }
        cancel.throwIfCancelled();
        return OfficialOutput.toJson(transcript, translation, in, engine.get());
    }

    private DownloadedAudio media(OfficialInput in, Path dir, ProgressSink progress, Cancellation cancel)
            throws IOException {
        if (in.audio() != null) {
            return audio.fetch(OfficialInputParser.AUDIO, in.audio(), StorageRequest.fromJob(null, null, null, null, null),
                    dir, progress, cancel, null);
        }
        progress.report(ProgressSink.Stage.DOWNLOADING, null);
        Path media = dir.resolve("input.media");
        Files.write(media, OfficialInputParser.decode(in.audioBase64()));
        return audio.fromFile(media, dir, cancel);
    }

    /**
     * The English text, in one pass more, as the official worker makes it, but with the job's
     * decoding options (that worker drops them for this pass); English audio is not decoded twice.
     */
    private String translate(String jobId, OfficialInput in, Transcript transcript, DownloadedAudio media,
                             ProgressSink progress) {
        String spoken = transcript.info().language();
        if (ENGLISH.equals(spoken)) {
            return OfficialOutput.format(in.translation(), transcript.segments());
        }
        TranscribeOptions options = new TranscribeOptions(spoken, "translate", false, in.enableVad(), in.beamSize(),
                null, 1);
        Transcript english = transcriber.transcribe(jobId, media.wav(), options, media.durationS(),
                new TranscriptionListener() {
                    @Override
                    public void onProgress(double decodedS, double durationS) {
                        if (durationS > 0) {
                            progress.report(ProgressSink.Stage.TRANSCRIBING, (int) Math.min(100, decodedS * 100 / durationS));
                        }
                    }
                });
        return OfficialOutput.format(in.translation(), english.segments());
    }
}
