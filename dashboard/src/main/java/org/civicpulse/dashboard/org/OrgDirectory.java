package org.civicpulse.dashboard.org;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.org.OrgHierarchy;
import org.civicpulse.domain.org.OrgUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The org-unit tree as the dashboard validates and scopes with it: a cached {@link OrgHierarchy}
 * reloaded from ClickHouse every {@code refresh}, and at once (at most every {@code minReload}) when a
 * code is asked for that the cache does not know, so a unit imported a moment ago is found.
 *
 * <p>Codes are matched case-insensitively ({@link #resolve(String)}) and answered in their stored
 * spelling, so {@code unit=abc} and {@code unit=ABC} name the same unit for validation and scoping.
 */
public class OrgDirectory {

    private static final Logger log = LoggerFactory.getLogger(OrgDirectory.class);

    private final Supplier<OrgHierarchy> loader;
    private final Duration refresh;
    private final Duration minReload;
    private final Clock clock;

    private volatile Snapshot snapshot;

    private record Snapshot(OrgHierarchy hierarchy, Map<String, String> byUpperCode, Instant loadedAt) {
    }

    public OrgDirectory(Supplier<OrgHierarchy> loader, Duration refresh, Duration minReload, Clock clock) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.minReload = Objects.requireNonNull(minReload, "minReload");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The current tree (reloaded when older than {@code refresh}). */
    public OrgHierarchy hierarchy() {
        Snapshot s = snapshot;
        if (s == null || clock.instant().isAfter(s.loadedAt().plus(refresh))) {
            s = reload();
        }
        return s.hierarchy();
    }

    /**
     * The stored spelling of {@code code} (case-insensitive match), reloading once when the cached tree
     * does not know it.
     */
    public Optional<String> resolve(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        hierarchy();
        String found = lookup(snapshot, code.strip());
        if (found == null && clock.instant().isAfter(snapshot.loadedAt().plus(minReload))) {
            found = lookup(reload(), code.strip());
        }
        return Optional.ofNullable(found);
    }

    private static String lookup(Snapshot s, String code) {
        if (!s.hierarchy().versions(code).isEmpty()) {
            return code;
        }
        return s.byUpperCode().get(code.toUpperCase(Locale.ROOT));
    }

    /** The version of {@code code} in force on {@code date}, or else its latest version. */
    public Optional<OrgUnit> unit(String code, LocalDate date) {
        OrgHierarchy h = hierarchy();
        Optional<OrgUnit> at = h.at(code, date);
        if (at.isPresent()) {
            return at;
        }
        List<OrgUnit> versions = h.versions(code);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    /** The unit's name on {@code date} (or its latest name), null when unknown. */
    public String name(String code, LocalDate date) {
        return unit(code, date).map(OrgUnit::name).orElse(null);
    }

    /**
     * The city: the single root of level CITY in force on {@code date} (else the single root of any
     * level), empty when there is none or more than one.
     */
    public Optional<String> city(LocalDate date) {
        List<OrgUnit> roots = hierarchy().roots(date);
        List<OrgUnit> cities = roots.stream().filter(u -> u.level() == UnitLevel.CITY).toList();
        if (cities.size() == 1) {
            return Optional.of(cities.get(0).code());
        }
        if (cities.isEmpty() && roots.size() == 1) {
            return Optional.of(roots.get(0).code());
        }
        return Optional.empty();
    }

    /** Forgets the cache: the next call reloads. */
    public void invalidate() {
        snapshot = null;
    }

    private synchronized Snapshot reload() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current != null && !now.isAfter(current.loadedAt().plus(minReload))) {
            return current; // another thread just reloaded
        }
        OrgHierarchy h = loader.get();
        Map<String, String> byUpper = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (String code : h.codes()) {
            String upper = code.toUpperCase(Locale.ROOT);
            if (byUpper.putIfAbsent(upper, code) != null) {
                ambiguous.add(upper);
            }
        }
        for (String upper : ambiguous) {
            byUpper.remove(upper); // two codes that differ only in case: only the exact spellings match
        }
        Snapshot s = new Snapshot(h, Map.copyOf(byUpper), now);
        snapshot = s;
        log.debug("Org hierarchy loaded: {} codes", byUpper.size());
        return s;
    }
}
