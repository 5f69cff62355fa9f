package com.ytwhisper.worker.sidecar;

import java.util.Optional;

/**
 * The batch size a job runs with. On a GPU the batched pipeline is several times faster than
 * sequential decoding (faster-whisper's README: 12x real time sequential, 46x batched; large-v3
 * fp16 on an H200: 16x at batch 1, 123x at batch 8, 364x at batch 32), so CUDA defaults to 16.
 *
 * @param defaultSize the batch of a job that sets no {@code batch_size}
 */
public record BatchSizing(int defaultSize) {

    static final int MAX = 64;
    static final int CUDA_DEFAULT = 16;

    public BatchSizing {
        if (defaultSize < 1 || defaultSize > MAX) {
            throw new IllegalArgumentException("WORKER_BATCH_SIZE must be 1-" + MAX + ", got " + defaultSize
                    + " (1 decodes sequentially; 8-32 suit one GPU)");
        }
    }

    /** {@code WORKER_BATCH_SIZE}, else 16 with {@code WORKER_DEVICE=cuda} and 1 on any other device. */
    public static BatchSizing of(Optional<Integer> configured, String device) {
        return new BatchSizing(configured.orElse("cuda".equals(device) ? CUDA_DEFAULT : 1));
    }

    public static BatchSizing from(SidecarConfig config) {
        return of(config.batchSize(), config.device());
    }

    /**
     * A job's own {@code batch_size} wins; without one, the default, except that a job that turned
     * VAD off decodes sequentially (the batched pipeline cuts the audio where VAD finds pauses).
     */
    public int forJob(Integer jobBatchSize, boolean vadFilter) {
        if (jobBatchSize != null) {
            return jobBatchSize;
        }
        return vadFilter ? defaultSize : 1;
    }
}
