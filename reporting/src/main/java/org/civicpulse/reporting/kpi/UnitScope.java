package org.civicpulse.reporting.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.org.OrgUnit;

/**
 * Which fact rows belong to a unit, and to which of its children, for one period.
 *
 * <p>A fact row is identified by its unit code and its <em>segment</em>: the part of the timeline its
 * anchor time falls in. Segment 0 is "before the period" (dossiers carried over); segments 1… are the
 * spans of the period between changes of the org tree (usually just one). Within a segment the tree is
 * fixed, so (code, segment) decides the unit a row belongs to; {@link #key(String, int)} answers the
 * breakdown key: a child's code, the parent's own code (its own records, or former units under no
 * current child), or null (outside the subtree).
 *
 * <p>Built by {@link OrgDirectory}; immutable.
 */
final class UnitScope {

    /** One span of the timeline with a fixed org tree. */
    record Segment(int index, LocalDate from, LocalDate to, Instant start) {
    }

    /** The unit a (code, segment) stands for, and the date it was resolved on. */
    record Resolution(String code, LocalDate date, UnitLevel level) {
    }

    static final Set<UnitLevel> AGENCY_LEVELS = EnumSet.of(UnitLevel.DEPARTMENT, UnitLevel.DISTRICT, UnitLevel.COMMUNE);

    final OrgUnit parent;
    final ReportingPeriod period;
    final List<OrgUnit> children;
    final List<Segment> segments;
    /** code → resolution per segment (null: the code is no unit then). */
    private final Map<String, Resolution[]> resolutions;
    /** code → breakdown key per segment (null: outside the subtree). */
    private final Map<String, String[]> keys;
    /** breakdown key → agencies (department/district/commune units in force in the period) it holds, with their level. */
    private final Map<String, Map<String, UnitLevel>> agencies;
    /** catalogue scope: key → unit codes in force at the period end under it. */
    private final Map<String, Set<String>> catalogueUnits;
    /** catalogue scope: key → levels (COMMUNE, DISTRICT) of units under it whose procedures it performs. */
    private final Map<String, Set<String>> catalogueLevels;

    UnitScope(OrgUnit parent, ReportingPeriod period, List<OrgUnit> children, List<Segment> segments,
              Map<String, Resolution[]> resolutions, Map<String, String[]> keys,
              Map<String, Map<String, UnitLevel>> agencies, Map<String, Set<String>> catalogueUnits,
              Map<String, Set<String>> catalogueLevels) {
        this.parent = parent;
        this.period = period;
        this.children = List.copyOf(children);
        this.segments = List.copyOf(segments);
        this.resolutions = resolutions;
        this.keys = keys;
        this.agencies = agencies;
        this.catalogueUnits = catalogueUnits;
        this.catalogueLevels = catalogueLevels;
    }

    String parentCode() {
        return parent.code();
    }

    /** The breakdown key of a row, or null when it is outside the subtree. */
    String key(String code, int segment) {
        String[] k = keys.get(code);
        return k == null || segment < 0 || segment >= k.length ? null : k[segment];
    }

    /** The unit a row stands for (null when none). */
    Resolution resolve(String code, int segment) {
        Resolution[] r = resolutions.get(code);
        return r == null || segment < 0 || segment >= r.length ? null : r[segment];
    }

    /** Every code that some segment puts inside the subtree (the SQL pre-filter). */
    Set<String> candidateCodes() {
        Set<String> out = new TreeSet<>();
        keys.forEach((code, k) -> {
            for (String s : k) {
                if (s != null) {
                    out.add(code);
                    return;
                }
            }
        });
        return out;
    }

    /**
     * Per segment, the codes whose rows belong under {@code key} (a child, or the parent's own key);
     * {@code key == null} means anywhere in the subtree.
     */
    List<Set<String>> codesBySegment(String key) {
        List<Set<String>> out = new ArrayList<>();
        for (int s = 0; s < segments.size(); s++) {
            Set<String> codes = new TreeSet<>();
            for (Map.Entry<String, String[]> e : keys.entrySet()) {
                String k = e.getValue()[s];
                if (k != null && (key == null || key.equals(k))) {
                    codes.add(e.getKey());
                }
            }
            out.add(codes);
        }
        return out;
    }

    /** The breakdown keys in order: children by code, then the parent's own key. */
    List<String> breakdownKeys() {
        List<String> out = new ArrayList<>();
        children.forEach(c -> out.add(c.code()));
        out.add(parent.code());
        return out;
    }

    /** The agencies under a key (for the parent key when {@code key} is the parent and {@code whole}: the whole subtree). */
    Map<String, UnitLevel> agencies(String key) {
        return agencies.getOrDefault(key, Map.of());
    }

    /** Agencies of the whole subtree. */
    Map<String, UnitLevel> allAgencies() {
        Map<String, UnitLevel> all = new LinkedHashMap<>();
        agencies.values().forEach(all::putAll);
        return all;
    }

    Set<String> catalogueUnits(String key) {
        return catalogueUnits.getOrDefault(key, Set.of());
    }

    Set<String> catalogueLevels(String key) {
        return catalogueLevels.getOrDefault(key, Set.of());
    }

    /** The period's first instant: rows before it are in segment 0. */
    Instant periodStart() {
        return segments.get(1).start();
    }

    /** Start instants of segments 2… (a row's segment = 1 + the number of these its anchor is at or after, for rows in the period). */
    List<Instant> boundaries() {
        List<Instant> out = new ArrayList<>();
        for (int i = 2; i < segments.size(); i++) {
            out.add(segments.get(i).start());
        }
        return out;
    }

    /** The segment holding local date {@code d}: 0 before the period, else the span containing it. */
    int segmentOf(LocalDate d) {
        for (int i = segments.size() - 1; i >= 1; i--) {
            if (!d.isBefore(segments.get(i).from())) {
                return i;
            }
        }
        return 0;
    }

    static Map<String, Set<String>> freeze(Map<String, Set<String>> m) {
        Map<String, Set<String>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
        return Collections.unmodifiableMap(out);
    }

    static Instant startOf(LocalDate d, ZoneId zone) {
        return d.atStartOfDay(zone).toInstant();
    }
}
