package org.civicpulse.domain.org;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The org-unit tree as it stood on any date, built from every version of every unit, plus the
 * reorganisation map (old code → new code) between versions.
 *
 * <p>Every question takes a date because the tree changes: units are created, moved, merged and
 * closed. A unit that is not in force on the date asked about has no children, an empty subtree and
 * no path. A version whose parent is not in force on the same day (missing from the data) is treated
 * as a root on that day: it is in no one's subtree, so scoping by subtree denies rather than leaks.
 *
 * <p>Construction rejects two versions of one code in force on the same day, and parent links that
 * form a cycle on any day. Immutable and thread-safe.
 */
public final class OrgHierarchy {

    /**
     * {@code code} was inside the subtree asked about on every day of {@code [from, to]} (inclusive).
     * Query facts of that unit for those days only: codes are reused, so the same code may have
     * belonged to another subtree outside these dates.
     */
    public record Membership(String code, LocalDate from, LocalDate to) {
    }

    private static final Comparator<OrgUnit> BY_START = Comparator.comparing(OrgUnit::validFrom,
            Comparator.nullsFirst(Comparator.naturalOrder()));
    private static final Comparator<OrgUnit> BY_CODE = Comparator.comparing(OrgUnit::code);

    private final Map<String, List<OrgUnit>> versions;
    private final Map<String, List<OrgUnit>> childVersions;
    /** Days on which the set of versions in force changes (a version starts, or the day after one ends). */
    private final SortedSet<LocalDate> changeDays;
    private final List<Merger> mergers;
    private final Map<String, List<Merger>> mergersFrom;
    private final Map<String, List<Merger>> mergersInto;

    /**
     * @param units   every version of every unit
     * @param mergers the reorganisation map (may be empty)
     * @throws IllegalArgumentException for overlapping versions of one code, or a cycle of parents
     */
    public OrgHierarchy(Collection<OrgUnit> units, Collection<Merger> mergers) {
        Map<String, List<OrgUnit>> byCode = new TreeMap<>();
        Map<String, List<OrgUnit>> byParent = new HashMap<>();
        SortedSet<LocalDate> changes = new TreeSet<>();
        for (OrgUnit u : units) {
            Objects.requireNonNull(u, "unit");
            byCode.computeIfAbsent(u.code(), c -> new ArrayList<>()).add(u);
            if (u.parent() != null) {
                byParent.computeIfAbsent(u.parent(), c -> new ArrayList<>()).add(u);
            }
            if (u.validFrom() != null) {
                changes.add(u.validFrom());
            }
            if (u.validTo() != null) {
                changes.add(u.validTo().plusDays(1));
            }
        }
        byCode.replaceAll((code, list) -> {
            list.sort(BY_START);
            rejectOverlaps(code, list);
            return List.copyOf(list);
        });
        byParent.replaceAll((code, list) -> {
            list.sort(BY_CODE.thenComparing(BY_START));
            return List.copyOf(list);
        });
        this.versions = Collections.unmodifiableMap(byCode);
        this.childVersions = Map.copyOf(byParent);
        this.changeDays = Collections.unmodifiableSortedSet(changes);

        this.mergers = List.copyOf(mergers);
        Map<String, List<Merger>> from = new HashMap<>();
        Map<String, List<Merger>> into = new HashMap<>();
        for (Merger m : this.mergers) {
            from.computeIfAbsent(m.oldCode(), c -> new ArrayList<>()).add(m);
            into.computeIfAbsent(m.newCode(), c -> new ArrayList<>()).add(m);
        }
        from.replaceAll((c, l) -> List.copyOf(l));
        into.replaceAll((c, l) -> List.copyOf(l));
        this.mergersFrom = Map.copyOf(from);
        this.mergersInto = Map.copyOf(into);

        rejectCycles();
    }

    /** A hierarchy without a reorganisation map. */
    public static OrgHierarchy of(Collection<OrgUnit> units) {
        return new OrgHierarchy(units, List.of());
    }

    // ---------------------------------------------------------------- the tree on a date

    /** The version of {@code code} in force on {@code date}. */
    public Optional<OrgUnit> at(String code, LocalDate date) {
        Objects.requireNonNull(date, "date");
        for (OrgUnit u : versions.getOrDefault(code, List.of())) {
            if (u.validOn(date)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    /** The units in force on {@code date} whose parent is {@code code}, by code; empty if {@code code} is not in force then. */
    public List<OrgUnit> children(String code, LocalDate date) {
        if (at(code, date).isEmpty()) {
            return List.of();
        }
        List<OrgUnit> result = new ArrayList<>();
        for (OrgUnit child : childVersions.getOrDefault(code, List.of())) {
            if (child.validOn(date)) {
                result.add(child);
            }
        }
        return List.copyOf(result);
    }

    /** {@code code} and every unit below it on {@code date}, top-down (breadth first); empty if {@code code} is not in force then. */
    public Set<String> subtree(String code, LocalDate date) {
        Set<String> result = new LinkedHashSet<>();
        if (at(code, date).isEmpty()) {
            return Set.of();
        }
        Deque<String> queue = new ArrayDeque<>();
        queue.add(code);
        while (!queue.isEmpty()) {
            String c = queue.poll();
            if (result.add(c)) {
                for (OrgUnit child : children(c, date)) {
                    queue.add(child.code());
                }
            }
        }
        return Collections.unmodifiableSet(result);
    }

    /**
     * Every code that was inside the subtree of {@code code} on at least one day of {@code [from, to]}
     * (inclusive), sorted. Use it to query the history of a period; note that it over-selects when a
     * code is reused: see {@link #subtreeMembership(String, LocalDate, LocalDate)} for the exact days.
     */
    public SortedSet<String> subtreeDuring(String code, LocalDate from, LocalDate to) {
        SortedSet<String> result = new TreeSet<>();
        for (LocalDate day : segmentStarts(from, to)) {
            result.addAll(subtree(code, day));
        }
        return Collections.unmodifiableSortedSet(result);
    }

    /**
     * For each code that was inside the subtree of {@code code} during {@code [from, to]}, the spans
     * of days it was, sorted by code then date. A KPI query for the subtree over a period selects facts
     * with {@code unit = m.code() AND localDate BETWEEN m.from() AND m.to()} for every membership
     * {@code m}: exact even where a code was reused by another unit outside the subtree (Hanoi, 2025).
     */
    public List<Membership> subtreeMembership(String code, LocalDate from, LocalDate to) {
        List<LocalDate> starts = segmentStarts(from, to);
        Map<String, List<Membership>> byCode = new TreeMap<>();
        for (int i = 0; i < starts.size(); i++) {
            LocalDate segStart = starts.get(i);
            LocalDate segEnd = i + 1 < starts.size() ? starts.get(i + 1).minusDays(1) : to;
            for (String c : subtree(code, segStart)) {
                List<Membership> spans = byCode.computeIfAbsent(c, k -> new ArrayList<>());
                Membership last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
                if (last != null && last.to().plusDays(1).equals(segStart)) {
                    spans.set(spans.size() - 1, new Membership(c, last.from(), segEnd));
                } else {
                    spans.add(new Membership(c, segStart, segEnd));
                }
            }
        }
        List<Membership> result = new ArrayList<>();
        byCode.values().forEach(result::addAll);
        return List.copyOf(result);
    }

    /** The unit on {@code date} followed by its parent, grandparent, … up to the root; empty if not in force. Reverse it for breadcrumbs. */
    public List<OrgUnit> pathToRoot(String code, LocalDate date) {
        List<OrgUnit> path = new ArrayList<>();
        Optional<OrgUnit> current = at(code, date);
        while (current.isPresent()) {
            OrgUnit u = current.get();
            path.add(u);
            current = u.parent() == null ? Optional.empty() : at(u.parent(), date);
        }
        return List.copyOf(path);
    }

    /**
     * Whether {@code code} is {@code ancestor} or lies below it on {@code date}. False when either is
     * not in force on that date: a caller scoped to a closed unit sees nothing new.
     */
    public boolean isWithin(String code, String ancestor, LocalDate date) {
        for (OrgUnit u : pathToRoot(code, date)) {
            if (u.code().equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** The units in force on {@code date}, by code. */
    public List<OrgUnit> unitsOn(LocalDate date) {
        List<OrgUnit> result = new ArrayList<>();
        for (List<OrgUnit> list : versions.values()) {
            for (OrgUnit u : list) {
                if (u.validOn(date)) {
                    result.add(u);
                }
            }
        }
        return List.copyOf(result);
    }

    /** The units in force on {@code date} that have no parent in force on that date, by code. */
    public List<OrgUnit> roots(LocalDate date) {
        return unitsOn(date).stream()
                .filter(u -> u.parent() == null || at(u.parent(), date).isEmpty())
                .toList();
    }

    // ---------------------------------------------------------------- versions and codes

    /** Every code with at least one version, sorted. */
    public SortedSet<String> codes() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(versions.keySet()));
    }

    /** Every version of {@code code}, oldest first. */
    public List<OrgUnit> versions(String code) {
        return versions.getOrDefault(code, List.of());
    }

    // ---------------------------------------------------------------- reorganisations

    /** The codes {@code code} went into (directly, one reorganisation step), sorted; may include {@code code} itself when the code was kept. */
    public SortedSet<String> successors(String code) {
        SortedSet<String> result = new TreeSet<>();
        mergersFrom.getOrDefault(code, List.of()).forEach(m -> result.add(m.newCode()));
        return Collections.unmodifiableSortedSet(result);
    }

    /** The codes that went into {@code code} (directly), sorted; may include {@code code} itself. */
    public SortedSet<String> predecessors(String code) {
        SortedSet<String> result = new TreeSet<>();
        mergersInto.getOrDefault(code, List.of()).forEach(m -> result.add(m.oldCode()));
        return Collections.unmodifiableSortedSet(result);
    }

    /** The map rows whose old code is {@code code} (with merge type and date). */
    public List<Merger> mergersFrom(String code) {
        return mergersFrom.getOrDefault(code, List.of());
    }

    /** The map rows whose new code is {@code code}. */
    public List<Merger> mergersInto(String code) {
        return mergersInto.getOrDefault(code, List.of());
    }

    /** The whole reorganisation map, in the order given. */
    public List<Merger> mergers() {
        return mergers;
    }

    // ---------------------------------------------------------------- internals

    /** {@code from} and every change day in {@code (from, to]}: the tree is the same from each to the day before the next. */
    private List<LocalDate> segmentStarts(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("range end " + to + " is before start " + from);
        }
        List<LocalDate> starts = new ArrayList<>();
        starts.add(from);
        if (!from.equals(LocalDate.MAX)) {
            starts.addAll(changeDays.subSet(from.plusDays(1), to.equals(LocalDate.MAX) ? LocalDate.MAX : to.plusDays(1)));
        }
        return starts;
    }

    private static void rejectOverlaps(String code, List<OrgUnit> sortedByStart) {
        for (int i = 1; i < sortedByStart.size(); i++) {
            OrgUnit a = sortedByStart.get(i - 1);
            OrgUnit b = sortedByStart.get(i);
            if (a.overlaps(b)) {
                throw new IllegalArgumentException("unit " + code + " has overlapping versions " + a.validity()
                        + " (\"" + a.name() + "\") and " + b.validity() + " (\"" + b.name()
                        + "\"); end one the day before the next starts");
            }
        }
    }

    /** The tree only changes on change days, so checking the day before all of them and each of them covers every day. */
    private void rejectCycles() {
        List<LocalDate> days = new ArrayList<>();
        days.add(LocalDate.MIN);
        days.addAll(changeDays);
        for (LocalDate day : days) {
            Map<String, String> parentOf = new HashMap<>();
            for (OrgUnit u : unitsOn(day)) {
                if (u.parent() != null) {
                    parentOf.put(u.code(), u.parent());
                }
            }
            Set<String> acyclic = new HashSet<>();
            for (String start : parentOf.keySet()) {
                List<String> chain = new ArrayList<>();
                Set<String> onChain = new HashSet<>();
                String c = start;
                while (c != null && !acyclic.contains(c)) {
                    if (!onChain.add(c)) {
                        List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(c), chain.size()));
                        cycle.add(c);
                        throw new IllegalArgumentException("org units form a cycle "
                                + (!day.equals(LocalDate.MIN) ? "on " + day
                                        : changeDays.isEmpty() ? "on every day" : "before " + changeDays.first())
                                + ": " + String.join(" → ", cycle));
                    }
                    chain.add(c);
                    c = parentOf.get(c);
                }
                acyclic.addAll(chain);
            }
        }
    }
}
