package org.activerecorder.application.audit;

import org.activerecorder.domain.model.audit.AuditChainHead;
import org.activerecorder.domain.model.audit.AuditEntry;
import org.activerecorder.domain.model.audit.ChainHash;
import org.activerecorder.domain.model.audit.AuditLog;
import org.activerecorder.domain.model.audit.AuditSearch;
import org.activerecorder.domain.model.audit.UnknownAuditEntry;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An audit log in a list, for tests of what reads it: ids given in order of appending as the database's sequence
 * would, searched and paged as {@code JpaAuditLog} is (whose own test proves it on a database).
 */
final class InMemoryAuditLog implements AuditLog {

    private static final Comparator<AuditEntry> NEWEST_FIRST = Comparator.comparing(AuditEntry::occurredAt)
            .thenComparing(AuditEntry::id).reversed();

    final List<AuditEntry> entries = new ArrayList<>();
    private final AuditChainHead head = new AuditChainHead(0, ChainHash.GENESIS, 0);

    @Override
    public void append(AuditEntry entry) {
        head.link(entry);
        setId(entry, entries.size() + 1L);
        entries.add(entry);
    }

    @Override
    public AuditChainHead chainHead() {
        return new AuditChainHead(head.lastPosition(), head.lastHash(), head.unchained());
    }

    @Override
    public List<AuditEntry> chained(long after, long upTo, int limit) {
        return entries.stream().filter(e -> e.chainPosition() > after && e.chainPosition() <= upTo)
                .sorted(Comparator.comparingLong(AuditEntry::chainPosition)).limit(limit).toList();
    }

    @Override
    public long unchainedCount() {
        return entries.stream().filter(e -> e.chainPosition() < 0).count();
    }

    @Override
    public List<AuditEntry> search(AuditSearch search) throws UnknownAuditEntry {
        Predicate<AuditEntry> matches = e -> (search.username() == null || search.username().equals(e.username()))
                && (search.target() == null || e.target().filter(search.target()::equals).isPresent())
                && (search.from() == null || !e.occurredAt().isBefore(search.from()))
                && (search.to() == null || e.occurredAt().isBefore(search.to()));
        if (search.before() != null) {
            AuditEntry cursor = entries.stream().filter(e -> Objects.equals(e.id(), search.before())).findFirst()
                    .orElseThrow(() -> new UnknownAuditEntry(search.before()));
            matches = matches.and(e -> NEWEST_FIRST.compare(e, cursor) > 0);
        }
        return entries.stream().filter(matches).sorted(NEWEST_FIRST).limit(search.limit()).toList();
    }

    /** The id is the database's to give; JPA sets the field the same way. */
    private static void setId(AuditEntry entry, long id) {
        try {
            Field field = AuditEntry.class.getDeclaredField("id");
            field.setAccessible(true);
            field.set(entry, id);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
