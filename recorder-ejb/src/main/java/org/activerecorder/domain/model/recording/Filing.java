package org.activerecorder.domain.model.recording;

/**
 * How a decision to record wants the recording filed: the template that names its file and how many days it is to be
 * kept. Either may be absent: the file is then named as every recording is, and nothing says how long to keep it. A
 * recording started over the API's {@code start} has {@link #NONE}.
 *
 * @param fileNameTemplate the file-name template, as the rules validated it ({@code FileNameTemplate}); may be
 *                         {@code null}
 * @param retentionDays    days to keep the recording after it finished; may be {@code null}
 */
public record Filing(String fileNameTemplate, Integer retentionDays) {

    /** No template, no retention. */
    public static final Filing NONE = new Filing(null, null);

    public Filing {
        if (retentionDays != null && retentionDays < 1) {
            throw new IllegalArgumentException("retentionDays must be at least 1, not " + retentionDays);
        }
        if (fileNameTemplate != null && fileNameTemplate.isBlank()) {
            fileNameTemplate = null;
        }
    }
}
