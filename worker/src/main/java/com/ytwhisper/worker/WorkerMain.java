package com.ytwhisper.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.worker.pipeline.JobHandler;
import com.ytwhisper.worker.pipeline.WorkerMode;
import com.ytwhisper.worker.runpod.HandlerInvoker;
import com.ytwhisper.worker.runpod.PlatformConfig;
import com.ytwhisper.worker.runpod.PlatformWorker;
import com.ytwhisper.worker.runpod.WorkerIdentity;
import com.ytwhisper.worker.runpod.WorkerLoopConfig;
import com.ytwhisper.worker.runpod.local.LocalApi;
import com.ytwhisper.worker.runpod.local.LocalApiAuth;
import com.ytwhisper.worker.runpod.local.TestInputRun;
import com.ytwhisper.worker.sidecar.EarlyStart;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Picks the mode, as the SDK does (docs/runpod-protocol.md §2.1): {@code --rp_serve_api} serves the
 * endpoint API locally; {@code --test_input} or no platform environment runs one test job;
 * otherwise the worker speaks the platform protocol. The HTTP listener is switched off before
 * Quarkus starts unless the local API needs it, so platform and test-input modes open no port; for
 * the local API {@code --rp_api_host}/{@code --rp_api_port} become Quarkus's
 * {@code quarkus.http.host}/{@code port}.
 */
@QuarkusMain
public class WorkerMain {

    static final int EXIT_USAGE = 2;

    public static void main(String... args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        if (options.serveApi()) {
            // checked before Quarkus binds the address, so an unprotected API is never reachable
            Optional<String> problem = LocalApiAuth.of(options.apiHost(), LocalApiAuth.keyFromEnvironment())
                    .startProblem();
            if (problem.isPresent()) {
                System.err.println(problem.get());
                System.exit(EXIT_USAGE);
                return;
            }
            System.setProperty("quarkus.http.host", options.apiHost());
            System.setProperty("quarkus.http.port", Integer.toString(options.apiPort()));
        } else {
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        System.setProperty("worker.mode", mode(options, System.getenv("RUNPOD_WEBHOOK_GET_JOB")).wireName());
        EarlyStart.begin(System.getenv()); // the model loads while Quarkus boots
        Quarkus.run(Worker.class, args);
    }

    /** What the pipeline needs to know of the mode: only the platform insists on a bucket. */
    static WorkerMode mode(LaunchOptions options, String takeUrl) {
        if (options.serveApi()) {
            return WorkerMode.LOCAL_API;
        }
        boolean platform = options.testInput().isEmpty() && takeUrl != null && !takeUrl.isBlank();
        return platform ? WorkerMode.PLATFORM : WorkerMode.TEST_INPUT;
    }

    /** The application proper, run by Quarkus once CDI and configuration are up. */
    public static class Worker implements QuarkusApplication {

        private static final Logger LOG = Logger.getLogger(Worker.class);

        private final Instance<JobHandler> handlers;
        private final Instance<LocalApi> localApi;
        private final PlatformConfig platform;
        private final WorkerLoopConfig loop;
        private final ObjectMapper json;
        private final String version;

        @Inject
        public Worker(Instance<JobHandler> handlers, Instance<LocalApi> localApi, PlatformConfig platform,
                      WorkerLoopConfig loop, ObjectMapper json,
                      @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
            this.handlers = handlers;
            this.localApi = localApi;
            this.platform = platform;
            this.loop = loop;
            this.json = json;
            this.version = "ytw-worker/" + version;
        }

        @Override
        public int run(String... args) throws Exception {
            LaunchOptions options = LaunchOptions.parse(args);
            if (platform.endpointId().isPresent()) {
                LogFormat.useJsonLines();
            }
            if (!handlers.isResolvable()) {
                LOG.error("no job handler installed: this build of the worker has no pipeline to run jobs with");
                return EXIT_USAGE;
            }
            JobHandler handler = handlers.get();
            WorkerIdentity identity = new WorkerIdentity(
                    platform.podId().orElseGet(() -> "local-" + UUID.randomUUID().toString().substring(0, 8)),
                    platform.podHostname().orElse("unknown"), version);
            if (options.serveApi()) {
                return serveApi(handler, identity);
            }
            if (mode(options, platform.webhookGetJob().orElse(null)) == WorkerMode.PLATFORM) {
                PlatformWorker worker = PlatformWorker.fromConfig(handler, platform, loop, identity, json);
                Signals.onTermination(worker::requestShutdown);
                return worker.run();
            }
            HandlerInvoker invoker = new HandlerInvoker(handler, identity, json, false);
            return new TestInputRun(invoker, json, System.out).run(options.testInput(), Path.of(""));
        }

        /** Serves the local API until SIGTERM or SIGINT, then exits 0. */
        private int serveApi(JobHandler handler, WorkerIdentity identity) {
            Signals.onTermination(() -> Quarkus.asyncExit(0));
            int started = localApi.get().start(handler, identity);
            if (started != 0) {
                return started;
            }
            Quarkus.waitForExit();
            LOG.info("local API stopped");
            return 0;
        }
    }
}
