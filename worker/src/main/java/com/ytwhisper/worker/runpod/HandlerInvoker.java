package com.ytwhisper.worker.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.worker.pipeline.Cancellation;
import com.ytwhisper.worker.pipeline.InvalidInputException;
import com.ytwhisper.worker.pipeline.Job;
import com.ytwhisper.worker.pipeline.JobHandler;
import com.ytwhisper.worker.pipeline.JobInputParser;
import com.ytwhisper.worker.pipeline.JobOutput;
import com.ytwhisper.worker.pipeline.JobResult;
import com.ytwhisper.worker.pipeline.ProgressSink;
import org.jboss.logging.Logger;

/** Runs the handler for one job and turns what it did into a job-done body (docs/runpod-protocol.md §1.7). */
public final class HandlerInvoker {

    private static final Logger LOG = Logger.getLogger(HandlerInvoker.class);

    private final JobHandler handler;
    private final ErrorReport errors;
    private final ObjectMapper json;
    private final boolean refreshAfterJob;

    public HandlerInvoker(JobHandler handler, WorkerIdentity identity, ObjectMapper json, boolean refreshAfterJob) {
        this.handler = handler;
        this.errors = new ErrorReport(identity, json);
        this.json = json;
        this.refreshAfterJob = refreshAfterJob;
    }

    /** Blocks until the handler's engine is ready; see {@link JobHandler#awaitReady()}. */
    public void awaitReady() {
        handler.awaitReady();
    }

    /** Runs the job and returns the body job-done gets; never throws for a failing job. */
    public ObjectNode run(String jobId, JsonNode input, ProgressSink progress, Cancellation cancel) {
        ObjectNode body;
        if (input == null) {
            body = error("the job has no input: send {\"input\": {...}} to the endpoint", requestId(jobId, null));
        } else {
            body = invoke(jobId, input, progress, cancel);
        }
        if (refreshAfterJob) {
            body.put("stopPod", true);
        }
        return body;
    }

    private ObjectNode invoke(String jobId, JsonNode input, ProgressSink progress, Cancellation cancel) {
        try {
            JobResult result = handler.handle(new Job(jobId, input), progress, cancel);
            if (result == null) {
                throw new IllegalStateException("the job handler returned no result");
            }
            return toBody(result);
        } catch (RuntimeException | Error e) {
            if (cancel.isCancelled()) {
                return error("job cancelled: " + cancel.reason(), requestId(jobId, input));
            }
            LOG.errorf("job %s failed with %s", jobId, e.getClass().getName());
            return error(errors.describe(e, input), requestId(jobId, input));
        }
    }

    ObjectNode toBody(JobResult result) {
        ObjectNode body = json.createObjectNode();
        if (result instanceof JobResult.Failure failure) {
            body.put("error", failure.message());
            if (failure.output() != null && !failure.output().isEmpty()) {
                body.set("output", failure.output());
            }
        } else {
            body.set("output", result.output());
        }
        return body;
    }

    public ObjectNode cancelled(String reason) {
        return error("job cancelled: " + reason);
    }

    public ObjectNode error(String message) {
        ObjectNode body = json.createObjectNode();
        body.put("error", message);
        return body;
    }

    /**
     * A failure the worker itself reports (shutdown, cancellation, a crashed handler), in the
     * shape of every failure: {@code {"error": ..., "output": {"status": "error", "request_id": ...}}}.
     */
    public ObjectNode error(String message, String requestId) {
        ObjectNode body = error(message);
        body.set("output", JobOutput.failure(requestId));
        if (refreshAfterJob) {
            body.put("stopPod", true);
        }
        return body;
    }

    /**
     * The request id a failure names: the input's valid {@code request_id}, else the job id
     * (null when neither can name output files), as the pipeline's own failures do.
     */
    public static String requestId(String jobId, JsonNode input) {
        try {
            return JobInputParser.parse(input, jobId, false).requestId();
        } catch (InvalidInputException e) {
            return e.requestId();
        } catch (RuntimeException e) {
            return jobId;
        }
    }
}
