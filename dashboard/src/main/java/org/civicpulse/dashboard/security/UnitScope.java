package org.civicpulse.dashboard.security;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.civicpulse.dashboard.org.OrgDirectory;
import org.civicpulse.domain.calendar.ReportingPeriod;

/**
 * Which units a user may see, decided on the server for every query whatever the request says.
 *
 * <ul>
 *   <li>LEADER, ANALYST and ADMIN read every unit.</li>
 *   <li>UNIT_OFFICER and APPROVER read their own unit and the units below it, as the tree stands on the
 *   period's {@linkplain #checkDate(ReportingPeriod) check date}. A unit not in force then, or a home
 *   unit the tree does not know, reads as outside: scoping denies rather than leaks.</li>
 * </ul>
 */
public class UnitScope {

    private final OrgDirectory directory;
    private final Clock clock;
    private final ZoneId zone;

    public UnitScope(OrgDirectory directory, Clock clock, ZoneId zone) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Today in the city's zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** The date the tree is read on for {@code period}: today, moved into the period when it lies outside. */
    public LocalDate checkDate(ReportingPeriod period) {
        LocalDate today = today();
        if (today.isBefore(period.start())) {
            return period.start();
        }
        if (today.isAfter(period.endInclusive())) {
            return period.endInclusive();
        }
        return today;
    }

    /** Whether {@code user} may read the figures of {@code unit} (a stored code) for {@code period}. */
    public boolean canRead(CivicUser user, String unit, ReportingPeriod period) {
        return denial(user, unit, period).isEmpty();
    }

    /**
     * Throws {@link ScopeDeniedException} with the reason when {@code user} may not read {@code unit}.
     *
     * @param parameter the request parameter that named the unit, for the error body
     */
    public void requireReadable(CivicUser user, String unit, ReportingPeriod period, String parameter) {
        Optional<String> reason = denial(user, unit, period);
        if (reason.isPresent()) {
            throw new ScopeDeniedException(parameter, reason.get());
        }
    }

    /** The unit a query is about when the request names none: the user's unit, else the city. */
    public Optional<String> defaultUnit(CivicUser user, ReportingPeriod period) {
        if (user.unit() != null) {
            return Optional.of(directory.resolve(user.unit()).orElse(user.unit()));
        }
        return directory.city(checkDate(period));
    }

    /** The units {@code user} may read on {@code date}: empty for city-wide users (meaning all). */
    public Optional<Set<String>> visibleUnits(CivicUser user, LocalDate date) {
        if (user.cityWide()) {
            return Optional.empty();
        }
        return Optional.of(directory.resolve(user.unit())
                .map(home -> directory.hierarchy().subtree(home, date))
                .orElse(Set.of()));
    }

    private Optional<String> denial(CivicUser user, String unit, ReportingPeriod period) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(unit, "unit");
        if (user.cityWide()) {
            return Optional.empty();
        }
        LocalDate date = checkDate(period);
        Optional<String> home = directory.resolve(user.unit());
        if (home.isEmpty()) {
            return Optional.of("your unit " + user.unit() + " is not in the org hierarchy, so no unit is in your scope");
        }
        if (directory.hierarchy().isWithin(unit, home.get(), date)) {
            return Optional.empty();
        }
        if (directory.hierarchy().at(home.get(), date).isEmpty()) {
            return Optional.of("your unit " + home.get() + " is not in force on " + date + " (period " + period.code()
                    + "), so no unit is in your scope for that period");
        }
        return Optional.of("unit " + unit + " is outside your scope: user " + user.username() + " "
                + user.roles().stream().sorted().toList() + " may read unit " + home.get()
                + " and the units below it (org tree of " + date + ")");
    }
}
