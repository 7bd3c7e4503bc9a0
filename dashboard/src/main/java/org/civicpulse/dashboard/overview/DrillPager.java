package org.civicpulse.dashboard.overview;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.civicpulse.dashboard.kpi.KpiRequests;
import org.civicpulse.dashboard.kpi.KpiService;
import org.civicpulse.dashboard.security.CivicUser;
import org.civicpulse.reporting.kpi.DrillFilters;
import org.civicpulse.reporting.kpi.DrillRow;
import org.civicpulse.reporting.kpi.Page;

/**
 * The records behind a KPI figure for a lazy grid: pages from the engine's drill-through
 * ({@link KpiService#drill}, scoped to the user) in the engine's order; a sorted view loads the whole list
 * (up to {@code cap} records) once and sorts it in memory, since the engine pages in one fixed order.
 */
public class DrillPager {

    public static final int PAGE = 50;
    private static final int MAX_CACHED_PAGES = 20;

    /** A sort on a column key ({@code id}, {@code unit}, {@code at} or a field name). */
    public record Sort(String key, boolean descending) {
    }

    private final KpiService kpis;
    private final KpiRequests.DrillQuery base;
    private final DrillFilters filters;
    private final CivicUser user;
    private final int cap;
    private final Map<Integer, List<DrillRow>> pages = new LinkedHashMap<>(16, 0.75f, true);
    private Long total;
    private List<DrillRow> all;

    public DrillPager(KpiService kpis, KpiRequests.DrillQuery base, DrillFilters filters, CivicUser user, int cap) {
        this.kpis = Objects.requireNonNull(kpis, "kpis");
        this.base = Objects.requireNonNull(base, "base");
        this.filters = filters == null ? DrillFilters.NONE : filters;
        this.user = Objects.requireNonNull(user, "user");
        this.cap = cap;
    }

    /** The first page (also tells the kind of records and the total). */
    public Page<DrillRow> first() {
        Page<DrillRow> p = page(0, PAGE);
        total = p.total();
        pages.put(0, p.items());
        return p;
    }

    public synchronized long count() {
        if (total == null) {
            total = page(0, 1).total();
        }
        return total;
    }

    /** Whether a sorted view holds only the first {@code cap} records. */
    public boolean truncatedWhenSorted() {
        return count() > cap;
    }

    public synchronized List<DrillRow> fetch(int offset, int limit, List<Sort> sort) {
        if (limit <= 0) {
            return List.of();
        }
        if (sort != null && !sort.isEmpty()) {
            List<DrillRow> sorted = new ArrayList<>(all());
            sorted.sort(comparator(sort));
            return sorted.subList(Math.min(offset, sorted.size()), Math.min(sorted.size(), offset + limit));
        }
        List<DrillRow> out = new ArrayList<>();
        int first = offset / PAGE;
        int last = (offset + limit - 1) / PAGE;
        for (int p = first; p <= last; p++) {
            List<DrillRow> items = pages.get(p);
            if (items == null) {
                Page<DrillRow> page = page(p, PAGE);
                items = page.items();
                total = page.total();
                pages.put(p, items);
                if (pages.size() > MAX_CACHED_PAGES) {
                    pages.remove(pages.keySet().iterator().next());
                }
            }
            out.addAll(items);
            if (items.size() < PAGE) {
                break;
            }
        }
        int from = offset - first * PAGE;
        return out.subList(Math.min(from, out.size()), Math.min(out.size(), from + limit));
    }

    /** Every record, up to {@code cap} (for sorting and exports). */
    public synchronized List<DrillRow> all() {
        if (all == null) {
            List<DrillRow> out = new ArrayList<>();
            int size = Math.min(1000, cap);
            for (int p = 0; out.size() < cap; p++) {
                Page<DrillRow> page = page(p, size);
                out.addAll(page.items());
                total = page.total();
                if (page.items().size() < size) {
                    break;
                }
            }
            all = List.copyOf(out.size() > cap ? out.subList(0, cap) : out);
        }
        return all;
    }

    private Page<DrillRow> page(int page, int size) {
        KpiRequests.DrillQuery q = new KpiRequests.DrillQuery(base.period(), base.unit(), base.kpi(), base.part(), page, size);
        return kpis.drill(q, filters, user);
    }

    static Comparator<DrillRow> comparator(List<Sort> sort) {
        Comparator<DrillRow> c = null;
        for (Sort s : sort) {
            Comparator<DrillRow> one = Comparator.comparing((DrillRow r) -> key(r, s.key()),
                    Comparator.nullsLast(DrillPager::compareValues));
            if (s.descending()) {
                one = Comparator.comparing((DrillRow r) -> key(r, s.key()),
                        Comparator.nullsLast(DrillPager::compareValues).reversed());
            }
            c = c == null ? one : c.thenComparing(one);
        }
        return c.thenComparing(DrillRow::id);
    }

    private static Object key(DrillRow r, String key) {
        return switch (key) {
            case "id" -> r.id();
            case "unit" -> r.unit();
            case "at" -> r.at();
            default -> r.fields().get(key);
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Comparable ca && a.getClass().isInstance(b)) {
            return ca.compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }
}
