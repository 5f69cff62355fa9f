package com.ytwhisper.worker.subtitles;

import com.ytwhisper.worker.transcript.Transcript;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The output formats, the one list of their names: each knows its file extension (its name in a
 * job's {@code formats} and in the output's {@code <format>_path} fields), its content type and
 * how to render a transcript. Declared in the order the output lists them after {@code srt}.
 */
public enum SubtitleFormat {
    SRT("srt", "application/x-subrip; charset=utf-8"),
    VTT("vtt", "text/vtt; charset=utf-8"),
    JSON("json", "application/json"),
    TXT("txt", "text/plain; charset=utf-8");

    private final String extension;
    private final String contentType;

    SubtitleFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    /** Without the dot, e.g. {@code srt}. */
    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** The file's bytes: UTF-8 without a byte order mark. The layout matters to SRT and VTT only. */
    public byte[] render(Transcript transcript, SubtitleLayout layout) {
        String text = switch (this) {
            case SRT -> SrtWriter.write(new CueBuilder(layout).build(transcript.segments()));
            case VTT -> VttWriter.write(new CueBuilder(layout).build(transcript.segments()));
            case JSON -> JsonWriter.write(transcript);
            case TXT -> TxtWriter.write(transcript);
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The format named {@code srt}, {@code vtt}, {@code json} or {@code txt}, in any case. */
    public static SubtitleFormat parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return ofExtension(wanted).orElseThrow(() -> new IllegalArgumentException(
                "unknown subtitle format \"" + name + "\"; use one of " + extensions()));
    }

    /** The format whose extension is exactly {@code extension} (lower case, no spaces), if any. */
    public static Optional<SubtitleFormat> ofExtension(String extension) {
        return Arrays.stream(values()).filter(format -> format.extension.equals(extension)).findFirst();
    }

    /** Every extension in declaration order, for messages: {@code srt, vtt, json, txt}. */
    public static String extensions() {
        return Arrays.stream(values()).map(SubtitleFormat::extension).collect(Collectors.joining(", "));
    }
}
