package com.ytwhisper.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.TypeConversionException;

class DurationsTest {

    @Test
    void parsesTheUsualForms() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("90s"));
        assertEquals(Duration.ofMinutes(45), Durations.parse("45m"));
        assertEquals(Duration.ofHours(4), Durations.parse("4H"));
        assertEquals(Duration.ofDays(2), Durations.parse("2d"));
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofSeconds(15), Durations.parse("15"));
    }

    @Test
    void rejectsAnythingElseWithAnExample() {
        for (String bad : new String[] { "", "4 hours", "-5s", "1.5h", "h" }) {
            TypeConversionException e = assertThrows(TypeConversionException.class, () -> Durations.parse(bad));
            assertEquals("'" + bad + "' is not a duration: use e.g. 90s, 45m, 4h or 2d", e.getMessage());
        }
    }

    @Test
    void formatsShortly() {
        assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
        assertEquals("45s", Durations.format(Duration.ofSeconds(45)));
        assertEquals("12m05s", Durations.format(Duration.ofSeconds(725)));
        assertEquals("3h07m", Durations.format(Duration.ofMinutes(187)));
    }
}
