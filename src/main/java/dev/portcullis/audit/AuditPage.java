package dev.portcullis.audit;

import java.util.List;

/** One page of audit records, newest first, with the number of records matching the query. */
public record AuditPage(List<AuditRecord> items, int page, int size, long total) {

    public AuditPage {
        items = List.copyOf(items);
    }

    public long totalPages() {
        return (total + size - 1) / size;
    }
}
