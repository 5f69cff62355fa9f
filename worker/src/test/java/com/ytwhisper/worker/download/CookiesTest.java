package com.ytwhisper.worker.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CookiesTest {

    private static final String JAR = "# Netscape HTTP Cookie File\n"
            + "#HttpOnly_.youtube.com\tTRUE\t/\tTRUE\t1999999999\tLOGIN_INFO\tsecret-login\n";

    @TempDir
    Path dir;

    @Test
    void fromAFilePathOrBase64IntoAPrivateCopy() throws Exception {
        Path source = Files.writeString(dir.resolve("exported.txt"), JAR);
        String base64 = Base64.getMimeEncoder().encodeToString(JAR.getBytes(StandardCharsets.UTF_8));
        for (String setting : new String[] {source.toString(), base64}) {
            Path job = Files.createDirectories(dir.resolve("job-" + setting.length()));
            Path copy = Cookies.of(setting).writeInto(job);
            assertArrayEquals(JAR.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(copy));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
        }
    }

    @Test
    void noneConfiguredWritesNothing() throws Exception {
        assertFalse(Cookies.of("").present());
        assertNull(Cookies.of(null).writeInto(dir));
    }

    @Test
    void somethingElseIsRefusedWithoutEchoingIt() throws Exception {
        String notCookies = Base64.getEncoder().encodeToString("hello secret world".getBytes(StandardCharsets.UTF_8));
        for (String setting : new String[] {notCookies, "/no/such/cookies.txt", "%%%"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cookies.of(setting));
            assertFalse(e.getMessage().contains(setting), e.getMessage());
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
    }
}
