package org.activerecorder.application.internal;

import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.rule.FileNameTemplate;

import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The name a decision's file-name template gives a recording's stereo file: the template's placeholders filled from
 * the recording ({@code callUuid}, {@code dn}, {@code start} in UTC, as the date folders are) and the call's facts
 * ({@code ani}, {@code dnis} from the call events; {@code unknown} when no event said), then made safe for every file
 * system: only {@code [A-Za-z0-9._-]} kept (anything else becomes {@code _}), no {@code ..} and no leading dot, at
 * most {@value #MAX_BASE_LENGTH} characters, always ending {@code .wav}. The template was validated when its rule was
 * saved; the values come from call control and the Media Server, so the result is made safe here whatever they hold.
 * Where the file goes (date folder, a suffix when the name is taken) is {@code RecordingFolder}'s choice.
 */
final class RecordingFileName {

    /** Characters before {@code .wav}: room for a {@code -n} suffix and {@code .partial} within any file system's 255. */
    static final int MAX_BASE_LENGTH = 150;
    static final String UNKNOWN = "unknown";

    private static final Logger LOG = Logger.getLogger(RecordingFileName.class.getName());
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final Pattern DOTS = Pattern.compile("\\.{2,}");
    private static final Pattern WAV = Pattern.compile("(?i)\\.wav$");

    private RecordingFileName() {
    }

    /** The file name (with {@code .wav}, no folder) the recording's template gives it; empty without a template. */
    static Optional<String> of(Recording recording) {
        String template = recording.filing().fileNameTemplate();
        if (template == null) {
            return Optional.empty();
        }
        Call call = recording.call();
        Map<String, String> values = Map.of("callUuid", known(call.callUuid().value()),
                "dn", known(recording.recordDn().value()), "ani", known(call.ani()), "dnis", known(call.dnis()));
        try {
            return Optional.of(safe(new FileNameTemplate(template).render(values,
                    recording.startedAt().atZone(ZoneOffset.UTC))));
        } catch (IllegalArgumentException | java.time.DateTimeException invalid) {
            // validated on save; a template that no longer renders must not cost the recording its file
            LOG.warning(() -> "Recording " + recording.id() + ": file-name template '" + template + "' cannot be used ("
                    + invalid.getMessage() + "); the file is named as any recording is");
            return Optional.empty();
        }
    }

    /** {@code rendered} made a safe file name ending {@code .wav}; {@code unknown.wav} when nothing is left of it. */
    static String safe(String rendered) {
        String base = WAV.matcher(rendered).replaceFirst("");
        base = UNSAFE.matcher(base).replaceAll("_");
        base = DOTS.matcher(base).replaceAll("_");
        if (base.startsWith(".")) {
            base = "_" + base.substring(1);
        }
        if (base.length() > MAX_BASE_LENGTH) {
            base = base.substring(0, MAX_BASE_LENGTH);
        }
        if (base.endsWith(".")) {
            base = base.substring(0, base.length() - 1) + "_";
        }
        return (base.isEmpty() ? UNKNOWN : base) + ".wav";
    }

    private static String known(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }
}
