package com.ytwhisper.worker.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchSizingTest {

    @Test
    void cudaBatchesSixteenByDefaultAndOtherDevicesDecodeSequentially() {
        assertEquals(16, BatchSizing.of(Optional.empty(), "cuda").defaultSize());
        assertEquals(1, BatchSizing.of(Optional.empty(), "cpu").defaultSize());
        assertEquals(1, BatchSizing.of(Optional.empty(), "auto").defaultSize());
        assertEquals(8, BatchSizing.of(Optional.of(8), "cuda").defaultSize(), "WORKER_BATCH_SIZE wins");
        assertEquals(4, BatchSizing.of(Optional.of(4), "cpu").defaultSize());
    }

    @Test
    void aJobsBatchSizeOverridesAndAJobWithoutVadDecodesSequentially() {
        BatchSizing sizing = new BatchSizing(16);
        assertEquals(16, sizing.forJob(null, true));
        assertEquals(1, sizing.forJob(1, true));
        assertEquals(32, sizing.forJob(32, true));
        assertEquals(1, sizing.forJob(null, false), "the batched pipeline needs VAD");
        assertEquals(8, sizing.forJob(8, false), "asked for: the sidecar refuses it with the fix");
    }

    @Test
    void anOutOfRangeSettingIsRefusedNamingIt() {
        for (int bad : new int[] {0, 65}) {
            String message = assertThrows(IllegalArgumentException.class, () -> new BatchSizing(bad)).getMessage();
            assertTrue(message.startsWith("WORKER_BATCH_SIZE must be 1-64, got " + bad), message);
        }
    }
}
