package dev.slipway.console.view;

/** A commit of an environment's history: what changed, who wrote it, who approved it, when it was synced. */
public record HistoryRow(
        String revision,
        String time,
        String action,
        String message,
        String author,
        String approvedBy,
        String syncedAt,
        boolean current) {

    public String shortRevision() {
        return revision.length() > 10 ? revision.substring(0, 10) : revision;
    }
}
