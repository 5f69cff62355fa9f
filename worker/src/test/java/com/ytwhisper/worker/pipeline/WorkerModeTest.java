package com.ytwhisper.worker.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.Converters;
import org.junit.jupiter.api.Test;

class WorkerModeTest {

    @Test
    void theLaunchersPropertyReadsBackAsTheSameMode() {
        for (WorkerMode mode : WorkerMode.values()) {
            assertEquals(mode, Converters.getImplicitConverter(WorkerMode.class).convert(mode.wireName()));
        }
        assertEquals("test-input", WorkerMode.TEST_INPUT.wireName());
    }

    @Test
    void onlyThePlatformRefusesLocalFilesAndOutput() {
        assertFalse(WorkerMode.PLATFORM.localFilesAllowed());
        assertTrue(WorkerMode.TEST_INPUT.localFilesAllowed());
        assertTrue(WorkerMode.LOCAL_API.localFilesAllowed());
    }
}
