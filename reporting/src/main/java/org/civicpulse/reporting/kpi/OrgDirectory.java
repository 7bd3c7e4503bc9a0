package org.civicpulse.reporting.kpi;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.org.Merger;
import org.civicpulse.domain.org.OrgHierarchy;
import org.civicpulse.domain.org.OrgUnit;

/**
 * The org hierarchy, loaded once and cached, and the {@link UnitScope}s built from it (cached per unit
 * and period). {@link #refresh()} reloads the hierarchy and forgets the scopes. Thread-safe.
 */
final class OrgDirectory {

    private record Loaded(OrgHierarchy hierarchy, SortedSet<LocalDate> changeDays) {
    }

    private final Supplier<OrgHierarchy> loader;
    private final ZoneId zone;
    private volatile Loaded loaded;
    private final Map<String, UnitScope> scopes = new ConcurrentHashMap<>();

    OrgDirectory(Supplier<OrgHierarchy> loader, ZoneId zone) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Builds a hierarchy from unit versions and a merger map (either may come from anywhere). */
    static OrgHierarchy hierarchy(Collection<OrgUnit> units, Collection<Merger> mergers) {
        return new OrgHierarchy(units, mergers);
    }

    OrgHierarchy hierarchy() {
        return loaded().hierarchy();
    }

    void refresh() {
        synchronized (this) {
            loaded = null;
            scopes.clear();
        }
        loaded();
    }

    private Loaded loaded() {
        Loaded l = loaded;
        if (l == null) {
            synchronized (this) {
                l = loaded;
                if (l == null) {
                    OrgHierarchy h = loader.get();
                    SortedSet<LocalDate> days = new TreeSet<>();
                    for (String code : h.codes()) {
                        for (OrgUnit u : h.versions(code)) {
                            if (u.validFrom() != null) {
                                days.add(u.validFrom());
                            }
                            if (u.validTo() != null) {
                                days.add(u.validTo().plusDays(1));
                            }
                        }
                    }
                    loaded = l = new Loaded(h, days);
                    scopes.clear();
                }
            }
        }
        return l;
    }

    /**
     * The scope of {@code unitCode} during {@code period}.
     *
     * @throws IllegalArgumentException for an unknown unit, or one not in force on any day of the period
     */
    UnitScope scope(String unitCode, ReportingPeriod period) {
        if (unitCode == null || unitCode.isBlank()) {
            throw new IllegalArgumentException("unit code is missing");
        }
        String code = unitCode.strip();
        Loaded l = loaded();
        return scopes.computeIfAbsent(code + "|" + period.code() + "|" + period.start() + "|" + period.endInclusive(),
                k -> build(l, code, period));
    }

    /** The version of {@code code} in force on the last day of {@code period} it is in force; empty if none. */
    Optional<OrgUnit> versionDuring(String code, ReportingPeriod period) {
        OrgUnit best = null;
        for (OrgUnit u : hierarchy().versions(code)) {
            if (u.validDuring(period.start(), period.endInclusive())) {
                best = u;
            }
        }
        return Optional.ofNullable(best);
    }

    private UnitScope build(Loaded l, String code, ReportingPeriod period) {
        OrgHierarchy h = l.hierarchy();
        List<OrgUnit> versions = h.versions(code);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("unknown unit code '" + code + "'");
        }
        OrgUnit parent = versionDuring(code, period).orElseThrow(() -> new IllegalArgumentException("unit " + code
                + " is not in force during period " + period.code() + " (" + period.start() + " – "
                + period.endInclusive() + "); its versions: " + describe(versions)));

        // Segments: 0 = before the period, then one per span of the period with a fixed tree.
        List<UnitScope.Segment> segments = new ArrayList<>();
        segments.add(new UnitScope.Segment(0, null, period.start().minusDays(1), null));
        List<LocalDate> starts = new ArrayList<>();
        starts.add(period.start());
        starts.addAll(l.changeDays().subSet(period.start().plusDays(1), period.endInclusive().plusDays(1)));
        for (int i = 0; i < starts.size(); i++) {
            LocalDate to = i + 1 < starts.size() ? starts.get(i + 1).minusDays(1) : period.endInclusive();
            segments.add(new UnitScope.Segment(i + 1, starts.get(i), to, UnitScope.startOf(starts.get(i), zone)));
        }

        // Children in force on some day of the period (latest version of each).
        Map<String, OrgUnit> children = new LinkedHashMap<>();
        for (int i = 1; i < segments.size(); i++) {
            for (OrgUnit c : h.children(code, segments.get(i).from())) {
                children.put(c.code(), c);
            }
        }
        List<OrgUnit> childList = new ArrayList<>(children.values());
        childList.sort(Comparator.comparing(OrgUnit::code));

        Map<String, UnitScope.Resolution[]> resolutions = new HashMap<>();
        Map<String, String[]> keys = new HashMap<>();
        for (String c : h.codes()) {
            UnitScope.Resolution[] res = new UnitScope.Resolution[segments.size()];
            String[] k = new String[segments.size()];
            boolean any = false;
            for (UnitScope.Segment s : segments) {
                UnitScope.Resolution r = s.index() == 0 ? resolveCarriedOver(h, c, period.start()) : resolveAt(h, c, s.from());
                if (r == null || !h.isWithin(r.code(), code, r.date())) {
                    continue;
                }
                res[s.index()] = r;
                k[s.index()] = keyOf(h, r, childList, code);
                any = true;
            }
            if (any) {
                resolutions.put(c, res);
                keys.put(c, k);
            }
        }

        // Agencies per key: department/district/commune units in force on some day of the period.
        Map<String, Map<String, UnitLevel>> agencies = new HashMap<>();
        for (int i = 1; i < segments.size(); i++) {
            LocalDate d = segments.get(i).from();
            for (String u : h.subtree(code, d)) {
                OrgUnit v = h.at(u, d).orElseThrow();
                if (UnitScope.AGENCY_LEVELS.contains(v.level())) {
                    String k = keys.containsKey(u) ? keys.get(u)[i] : null;
                    if (k != null) {
                        agencies.computeIfAbsent(k, x -> new LinkedHashMap<>()).put(u, v.level());
                    }
                }
            }
        }

        // Catalogue: units in force at the period end per key, and the local levels they hold.
        LocalDate last = period.endInclusive();
        Map<String, Set<String>> catUnits = new HashMap<>();
        Map<String, Set<String>> catLevels = new HashMap<>();
        LocalDate at = h.at(code, last).isPresent() ? last : parent.validTo();
        for (String u : h.subtree(code, at)) {
            OrgUnit v = h.at(u, at).orElseThrow();
            UnitScope.Resolution r = new UnitScope.Resolution(u, at, v.level());
            String k = keyOf(h, r, childList, code);
            catUnits.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(u);
            catUnits.computeIfAbsent(code + "\u0000all", x -> new LinkedHashSet<>()).add(u);
            if (v.level() == UnitLevel.COMMUNE || v.level() == UnitLevel.DISTRICT) {
                catLevels.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v.level().name());
                catLevels.computeIfAbsent(code + "\u0000all", x -> new LinkedHashSet<>()).add(v.level().name());
            }
        }
        return new UnitScope(parent, period, childList, segments, Map.copyOf(resolutions), Map.copyOf(keys),
                Map.copyOf(agencies), UnitScope.freeze(catUnits), UnitScope.freeze(catLevels));
    }

    /** The key under which the catalogue of the whole subtree is filed. */
    static String wholeKey(String parentCode) {
        return parentCode + "\u0000all";
    }

    /**
     * The breakdown key of a resolved row: the child of {@code parent} that held it on its date (only
     * children of that day are candidates, so a reused code goes to the unit that had it then), or the
     * parent itself for its own records and for children that are not in force during the period.
     */
    private static String keyOf(OrgHierarchy h, UnitScope.Resolution r, List<OrgUnit> children, String parent) {
        for (OrgUnit kid : h.children(parent, r.date())) {
            if (h.isWithin(r.code(), kid.code(), r.date())) {
                for (OrgUnit child : children) {
                    if (child.code().equals(kid.code())) {
                        return child.code();
                    }
                }
                return parent;
            }
        }
        return parent;
    }

    private static UnitScope.Resolution resolveAt(OrgHierarchy h, String code, LocalDate date) {
        return h.at(code, date).map(u -> new UnitScope.Resolution(code, date, u.level())).orElse(null);
    }

    /**
     * A dossier received before the period under {@code code}: the unit holding the code on the period's
     * first day; else the code's successor (merger map) in force then; else the code's last version.
     */
    private static UnitScope.Resolution resolveCarriedOver(OrgHierarchy h, String code, LocalDate periodStart) {
        UnitScope.Resolution r = resolveAt(h, code, periodStart);
        if (r != null) {
            return r;
        }
        String successor = successorAt(h, code, periodStart);
        if (successor != null) {
            return resolveAt(h, successor, periodStart);
        }
        OrgUnit lastBefore = null;
        for (OrgUnit u : h.versions(code)) {
            if (u.validTo() != null && u.validTo().isBefore(periodStart)) {
                lastBefore = u;
            }
        }
        return lastBefore == null ? null : new UnitScope.Resolution(code, lastBefore.validTo(), lastBefore.level());
    }

    /** Follows the merger map from {@code code} (whole mergers first, then by code) to a code in force on {@code date}. */
    private static String successorAt(OrgHierarchy h, String code, LocalDate date) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> frontier = List.of(code);
        for (int depth = 0; depth < 5 && !frontier.isEmpty(); depth++) {
            List<String> next = new ArrayList<>();
            for (String c : frontier) {
                List<Merger> rows = new ArrayList<>(h.mergersFrom(c));
                rows.sort(Comparator.comparing((Merger m) -> isPartial(m) ? 1 : 0).thenComparing(Merger::newCode));
                for (Merger m : rows) {
                    if (m.effective().isAfter(date) || !seen.add(m.newCode()) || m.newCode().equals(c)) {
                        continue;
                    }
                    if (h.at(m.newCode(), date).isPresent()) {
                        return m.newCode();
                    }
                    next.add(m.newCode());
                }
            }
            frontier = next;
        }
        return null;
    }

    private static boolean isPartial(Merger m) {
        String t = m.mergeType();
        return t != null && (t.toLowerCase().contains("một phần") || t.toLowerCase().contains("part"));
    }

    private static String describe(List<OrgUnit> versions) {
        List<String> parts = new ArrayList<>();
        for (OrgUnit u : versions) {
            parts.add("\"" + u.name() + "\" " + (u.validFrom() == null ? "since ever" : "from " + u.validFrom())
                    + (u.validTo() == null ? "" : " to " + u.validTo()));
        }
        return String.join("; ", parts);
    }
}
