package com.ytwhisper.worker.runpod.local;

import com.ytwhisper.worker.runpod.StandInHandler;
import com.ytwhisper.worker.runpod.WorkerIdentity;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Test only: serve mode with the stand-in handler as the job handler, started as
 * {@code Worker.run} starts it with the real one, once the HTTP listener is bound
 * ({@code @QuarkusTest} does not run the {@code @QuarkusMain}); inputs with {@code "stream"} also
 * produce stream items ({@link StreamingStandIn}). An alternative, so only test
 * profiles that select it ({@link LocalApiProfile}) get it, and it wins over a real handler bean.
 */
@Alternative
@Singleton
public class StandInServeMode {

    static final String WORKER_ID = "local-test-worker";

    private final StandInHandler handler = new StandInHandler();

    @Produces
    @Alternative
    @Singleton
    StandInHandler handler() {
        return handler;
    }

    void serve(@ObservesAsync HttpServerStart event, LocalApi api) {
        if (api.start(new StreamingStandIn(handler), new WorkerIdentity(WORKER_ID, "localhost", "ytw-worker/test")) != 0) {
            throw new IllegalStateException("the stand-in handler failed to start");
        }
    }
}
