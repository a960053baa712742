package org.activerecorder.infrastructure.persistence.migration;

import org.activerecorder.domain.model.audit.AuditChainHead;
import org.activerecorder.domain.model.audit.AuditEntry;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallEventEntry;
import org.activerecorder.domain.model.dn.DnConfiguration;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingStream;
import org.activerecorder.domain.model.rule.RecordingDecision;
import org.activerecorder.domain.model.rule.RecordingRule;
import org.activerecorder.domain.model.rule.RuleVersion;
import org.activerecorder.domain.model.setting.StoredSetting;
import org.activerecorder.domain.model.user.UserAccount;
import org.activerecorder.infrastructure.persistence.jpa.CallUuidConverter;
import org.activerecorder.infrastructure.persistence.jpa.DnConverter;
import org.activerecorder.infrastructure.persistence.jpa.RecordingRequestIdConverter;

import java.util.List;

/**
 * Every entity and converter of the persistence unit (the server finds them by scanning the EJB jar; a unit test
 * must name them). Add a new entity here, or {@link SchemaMigrationTest} cannot check its migration.
 */
public final class MappedClasses {

    public static final List<Class<?>> ALL = List.of(Call.class, CallEventEntry.class, Recording.class,
            RecordingStream.class, UserAccount.class, CallUuidConverter.class, DnConverter.class,
            RecordingRequestIdConverter.class, DnConfiguration.class, RecordingRule.class, RuleVersion.class,
            RecordingDecision.class, AuditEntry.class, StoredSetting.class, AuditChainHead.class);

    private MappedClasses() {
    }
}
