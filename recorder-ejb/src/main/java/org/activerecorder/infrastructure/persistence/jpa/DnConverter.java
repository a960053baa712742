package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.activerecorder.domain.model.Dn;

/** Stores a {@link Dn} as its text. */
@Converter(autoApply = true)
public class DnConverter implements AttributeConverter<Dn, String> {
    @Override
    public String convertToDatabaseColumn(Dn attribute) {
        return attribute == null ? null : attribute.value();
    }

    @Override
    public Dn convertToEntityAttribute(String dbData) {
        return dbData == null ? null : new Dn(dbData);
    }
}
