package org.civicpulse.streaming.functions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.civicpulse.domain.event.DossierCompleted;
import org.civicpulse.domain.event.DossierEvent;
import org.civicpulse.domain.event.DossierPaid;
import org.civicpulse.domain.event.DossierRated;
import org.civicpulse.domain.event.DossierReceived;
import org.civicpulse.domain.event.DossierReturned;
import org.civicpulse.domain.event.DossierSupplementReceived;
import org.civicpulse.domain.event.DossierSupplementRequested;
import org.civicpulse.domain.event.DossierWithdrawn;
import org.civicpulse.streaming.model.DossierFact;

/**
 * The rules that turn one dossier's distinct events into its fact row (docs/KPIS.md, Q2.1), as a
 * pure function of the set of events: the events are replayed in event-time order, sorted by
 * (occurredAt, lifecycle rank of the type, id), so the result does not depend on arrival order.
 *
 * <ul>
 *   <li>Supplement pause: from each {@code supplement_requested} to the next
 *       {@code supplement_received}; a second request while a pause is open does not restart it; a
 *       received without an open request is ignored. {@code supplement_wait_seconds} sums the closed
 *       pauses; an open one shows as {@code supplement_open_since}.</li>
 *   <li>Completion: the earliest {@code completed}. {@code on_time} = completed_at ≤ due_at + the
 *       pause time up to completion (an open pause counts until completion) AND at most one
 *       supplement request before completion (more than one ⇒ late). Null unless COMPLETED.</li>
 *   <li>Status: WITHDRAWN if any {@code withdrawn} (earliest gives withdrawn_at), else COMPLETED if
 *       completed, else IN_PROGRESS.</li>
 *   <li>Payment: paid = any paid event; paid_online = any online; amount = sum of amounts.</li>
 *   <li>Return and rating: the latest by event time.</li>
 *   <li>Overdue: an IN_PROGRESS dossier outside an open pause is overdue once event time passes the
 *       effective due time = due_at + closed pauses.</li>
 * </ul>
 */
public final class DossierHistory {

    /** Event-time order; ties by lifecycle rank, then id, so that the order is total and stable. */
    public static final Comparator<DossierEvent> EVENT_TIME_ORDER = Comparator
            .comparing((DossierEvent e) -> e.occurredAt().toInstant())
            .thenComparingInt(DossierHistory::rank)
            .thenComparing(DossierEvent::id);

    private final DossierReceived received;
    private final int eventCount;
    private int supplementRequests;
    private long closedPauseMillis;
    private Long openPauseSince;
    private boolean paid;
    private boolean paidOnline;
    private long amountVnd;
    private DossierCompleted completed;
    private boolean onTimeIfCompleted;
    private DossierReturned returned;
    private DossierRated rated;
    private DossierWithdrawn withdrawn;
    private long lastEventAt;

    private DossierHistory(DossierReceived received, int eventCount) {
        this.received = received;
        this.eventCount = eventCount;
    }

    /**
     * @param received the accepted {@code dossier.received} (also contained in {@code events})
     * @param events   every distinct event applied to this dossier, in any order; other
     *                 {@code dossier.received} events than {@code received} are not expected here
     */
    public static DossierHistory of(DossierReceived received, List<? extends DossierEvent> events) {
        Objects.requireNonNull(received, "received");
        List<DossierEvent> sorted = new ArrayList<>(events);
        sorted.sort(EVENT_TIME_ORDER);
        DossierHistory h = new DossierHistory(received, sorted.size());
        for (DossierEvent e : sorted) {
            h.apply(e);
        }
        return h;
    }

    private void apply(DossierEvent e) {
        long t = millis(e);
        lastEventAt = Math.max(lastEventAt, t);
        if (e instanceof DossierSupplementRequested) {
            supplementRequests++;
            if (openPauseSince == null) {
                openPauseSince = t;
            }
        } else if (e instanceof DossierSupplementReceived) {
            if (openPauseSince != null) {
                closedPauseMillis += Math.max(0, t - openPauseSince);
                openPauseSince = null;
            }
        } else if (e instanceof DossierPaid p) {
            paid = true;
            paidOnline |= p.online();
            amountVnd += Math.max(0, p.amountVnd());
        } else if (e instanceof DossierCompleted c) {
            if (completed == null) {
                completed = c;
                long pause = closedPauseMillis + (openPauseSince == null ? 0 : Math.max(0, t - openPauseSince));
                onTimeIfCompleted = t <= millis(received.dueAt()) + pause && supplementRequests <= 1;
            }
        } else if (e instanceof DossierReturned r) {
            returned = r;
        } else if (e instanceof DossierRated r) {
            rated = r;
        } else if (e instanceof DossierWithdrawn w) {
            if (withdrawn == null) {
                withdrawn = w;
            }
        }
        // DossierReceived: the accepted one is this.received; nothing accumulates
    }

    public String status() {
        if (withdrawn != null) {
            return DossierFact.WITHDRAWN;
        }
        return completed != null ? DossierFact.COMPLETED : DossierFact.IN_PROGRESS;
    }

    /** due_at + the closed supplement pauses, epoch millis. */
    public long effectiveDueAt() {
        return millis(received.dueAt()) + closedPauseMillis;
    }

    /** True while the overdue clock runs: in progress and not waiting for a supplement. */
    public boolean overdueClockRunning() {
        return DossierFact.IN_PROGRESS.equals(status()) && openPauseSince == null;
    }

    /** Overdue at event time {@code watermark}: the clock runs and the watermark is past the effective due time. */
    public boolean overdueAt(long watermark) {
        return overdueClockRunning() && watermark > effectiveDueAt();
    }

    /**
     * The event-time timer that would flip this dossier to overdue (effective due time + 1 ms), or
     * null when there is none to wait for (not running, or already overdue at {@code watermark}).
     */
    public Long overdueTimer(long watermark) {
        return overdueClockRunning() && !overdueAt(watermark) ? effectiveDueAt() + 1 : null;
    }

    public int eventCount() {
        return eventCount;
    }

    /** The deterministic version of the row with this overdue flag. */
    public long version(boolean overdueNow) {
        return eventCount * 2L + (overdueNow ? 1 : 0);
    }

    /** The fact row as of event time {@code watermark}. */
    public DossierFact fact(long watermark) {
        boolean overdue = overdueAt(watermark);
        String status = status();
        return new DossierFact(
                received.dossierId(),
                received.unit(),
                received.procedure(),
                received.channel().name(),
                received.applicant().name(),
                received.vneid(),
                received.fullProcess(),
                millis(received),
                millis(received.dueAt()),
                supplementRequests,
                closedPauseMillis / 1000,
                openPauseSince,
                paid,
                paidOnline,
                amountVnd,
                completed == null ? null : millis(completed),
                completed == null ? DossierFact.NONE : completed.outcome().name(),
                completed != null && completed.eResult(),
                completed != null && completed.digitized(),
                completed != null && completed.reusedData(),
                returned == null ? DossierFact.NONE : returned.delivery().name(),
                returned == null ? null : millis(returned),
                rated == null ? null : rated.score(),
                rated == null ? null : millis(rated),
                withdrawn == null ? null : millis(withdrawn),
                status,
                DossierFact.COMPLETED.equals(status) ? onTimeIfCompleted : null,
                overdue,
                received.source(),
                lastEventAt,
                eventCount,
                version(overdue));
    }

    /** Lifecycle rank of a dossier event type, the tie-breaker for equal times. */
    static int rank(DossierEvent e) {
        if (e instanceof DossierReceived) {
            return 0;
        } else if (e instanceof DossierSupplementRequested) {
            return 1;
        } else if (e instanceof DossierSupplementReceived) {
            return 2;
        } else if (e instanceof DossierPaid) {
            return 3;
        } else if (e instanceof DossierCompleted) {
            return 4;
        } else if (e instanceof DossierReturned) {
            return 5;
        } else if (e instanceof DossierRated) {
            return 6;
        }
        return 7; // DossierWithdrawn
    }

    private static long millis(DossierEvent e) {
        return millis(e.occurredAt());
    }

    private static long millis(java.time.OffsetDateTime t) {
        return t.toInstant().toEpochMilli();
    }
}
