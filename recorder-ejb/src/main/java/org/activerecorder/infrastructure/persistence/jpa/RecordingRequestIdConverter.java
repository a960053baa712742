package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.activerecorder.domain.model.RecordingRequestId;

/** Stores a {@link RecordingRequestId} as its text. */
@Converter(autoApply = true)
public class RecordingRequestIdConverter implements AttributeConverter<RecordingRequestId, String> {
    @Override
    public String convertToDatabaseColumn(RecordingRequestId attribute) {
        return attribute == null ? null : attribute.value();
    }

    @Override
    public RecordingRequestId convertToEntityAttribute(String dbData) {
        return dbData == null ? null : new RecordingRequestId(dbData);
    }
}
