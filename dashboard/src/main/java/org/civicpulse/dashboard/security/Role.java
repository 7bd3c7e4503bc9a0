package org.civicpulse.dashboard.security;

import java.util.Locale;
import java.util.Optional;

/**
 * The dashboard's roles (docs/DESIGN.md, "Security"). Spring authorities are {@code ROLE_<name>}.
 */
public enum Role {
    /** City leader: every unit, read. */
    LEADER(true),
    /** Department / People's Committee officer: own unit subtree, read and submit. */
    UNIT_OFFICER(false),
    /** Approves submissions for the own unit subtree (and reads it). */
    APPROVER(false),
    /** Reads every unit, exports, calls the API. */
    ANALYST(true),
    /** Catalogue and regimes; reads every unit. */
    ADMIN(true);

    private final boolean cityWide;

    Role(boolean cityWide) {
        this.cityWide = cityWide;
    }

    /** Whether this role reads every unit (as opposed to the user's own unit subtree). */
    public boolean cityWide() {
        return cityWide;
    }

    /** The Spring Security authority, {@code ROLE_LEADER}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The role spelled {@code text} (case-insensitive, an optional {@code ROLE_} prefix, blanks ignored). */
    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.startsWith("ROLE_")) {
            t = t.substring(5);
        }
        for (Role r : values()) {
            if (r.name().equals(t)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
