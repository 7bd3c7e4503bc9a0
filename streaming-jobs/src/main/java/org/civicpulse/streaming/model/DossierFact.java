package org.civicpulse.streaming.model;

/**
 * One row of {@code dossier_facts}: the state of one dossier as of the events seen so far.
 * Times are epoch millis (null = SQL NULL); enum-like columns hold the ClickHouse Enum8 names.
 * A record, which Flink serialises as a POJO.
 *
 * @param version deterministic: {@code eventCount * 2 + (overdueNow ? 1 : 0)}
 */
public record DossierFact(
        String dossierId,
        String unit,
        String procedure,
        String channel,
        String applicant,
        boolean vneid,
        boolean fullProcess,
        long receivedAt,
        long dueAt,
        int supplementRequests,
        long supplementWaitSeconds,
        Long supplementOpenSince,
        boolean paid,
        boolean paidOnline,
        long amountVnd,
        Long completedAt,
        String outcome,
        boolean eResult,
        boolean digitized,
        boolean reusedData,
        String returnedVia,
        Long returnedAt,
        Integer rating,
        Long ratedAt,
        Long withdrawnAt,
        String status,
        Boolean onTime,
        boolean overdueNow,
        String source,
        long lastEventAt,
        int eventCount,
        long version) {

    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String COMPLETED = "COMPLETED";
    public static final String WITHDRAWN = "WITHDRAWN";
    public static final String NONE = "NONE";
}
