package com.ytwhisper.worker.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One job transcribes, one more may download or wait for the engine; the rest wait before downloading. */
class EngineSlotsTest {

    private final EngineSlots slots = new EngineSlots();

    private static ProgressSink recording(List<ProgressSink.Stage> into) {
        return (stage, percent) -> into.add(stage);
    }

    @Test
    void theSecondJobDownloadsAndWaitsForTheEngineAndTheThirdWaitsInLine() throws Exception {
        List<ProgressSink.Stage> first = new CopyOnWriteArrayList<>();
        List<ProgressSink.Stage> second = new CopyOnWriteArrayList<>();
        List<ProgressSink.Stage> third = new CopyOnWriteArrayList<>();
        slots.enterLine(recording(first), Cancellation.none());
        slots.takeEngine(recording(first), Cancellation.none());
        slots.enterLine(recording(second), Cancellation.none()); // may download while the first transcribes

        CountDownLatch secondHasEngine = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                slots.takeEngine(recording(second), Cancellation.none());
                secondHasEngine.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        CountDownLatch thirdInLine = new CountDownLatch(1);
        Thread third3 = new Thread(() -> {
            try {
                slots.enterLine(recording(third), Cancellation.none());
                thirdInLine.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        third3.start();

        assertTrue(!secondHasEngine.await(300, TimeUnit.MILLISECONDS), "two jobs had the engine at once");
        assertTrue(!thirdInLine.await(10, TimeUnit.MILLISECONDS), "a third job started downloading");
        assertEquals(List.of(ProgressSink.Stage.WAITING_FOR_ENGINE), second);
        assertEquals(List.of(ProgressSink.Stage.QUEUED), third);

        slots.releaseEngine();
        slots.leaveLine();
        assertTrue(secondHasEngine.await(5, TimeUnit.SECONDS));
        assertTrue(thirdInLine.await(5, TimeUnit.SECONDS));
        assertTrue(first.isEmpty(), "the first job never waited");
    }

    @Test
    void aJobWaitingForTheEngineStopsWhenCancelled() throws Exception {
        slots.enterLine(ProgressSink.NONE, Cancellation.none());
        slots.takeEngine(ProgressSink.NONE, Cancellation.none());
        Cancellation cancel = new Cancellation();
        cancel.cancel("stopped by the platform");
        assertThrows(Cancellation.CancelledException.class, () -> slots.takeEngine(ProgressSink.NONE, cancel));
    }
}
