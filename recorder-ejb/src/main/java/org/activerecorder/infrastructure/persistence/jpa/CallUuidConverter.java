package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.activerecorder.domain.model.CallUuid;

/** Stores a {@link CallUuid} as its text. */
@Converter(autoApply = true)
public class CallUuidConverter implements AttributeConverter<CallUuid, String> {
    @Override
    public String convertToDatabaseColumn(CallUuid attribute) {
        return attribute == null ? null : attribute.value();
    }

    @Override
    public CallUuid convertToEntityAttribute(String dbData) {
        return dbData == null ? null : new CallUuid(dbData);
    }
}
