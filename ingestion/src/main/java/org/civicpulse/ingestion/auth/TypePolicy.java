package org.civicpulse.ingestion.auth;

import java.util.EnumSet;
import java.util.Set;
import org.civicpulse.domain.event.EventType;

/** Which event types one source may send. Immutable. */
public final class TypePolicy {

    private final Set<EventType> allowed;

    private TypePolicy(Set<EventType> allowed) {
        this.allowed = allowed;
    }

    /**
     * The policy for {@code source}.
     *
     * @param spec          comma-separated wire names, {@code family.*}, {@code *}, or {@code none}/empty; null = default
     * @param catalogSource the only source that may send {@code catalog.*}
     * @throws IllegalArgumentException for an entry that names no type
     */
    public static TypePolicy of(String source, String spec, String catalogSource) {
        boolean isCatalog = source.equals(catalogSource);
        EnumSet<EventType> set = EnumSet.noneOf(EventType.class);
        if (spec == null) {
            for (EventType t : EventType.values()) {
                if ((t.family() == EventType.Family.CATALOG) == isCatalog) {
                    set.add(t);
                }
            }
        } else {
            for (String raw : spec.split(",")) {
                String p = raw.trim();
                if (p.isEmpty() || p.equalsIgnoreCase("none")) {
                    continue;
                }
                boolean matched = false;
                for (EventType t : EventType.values()) {
                    if (matches(p, t)) {
                        set.add(t);
                        matched = true;
                    }
                }
                if (!matched) {
                    throw new IllegalArgumentException("civicpulse.ingestion.allowed-types." + source + ": \"" + p
                            + "\" names no event type; use wire names (" + EventType.ALLOWED
                            + "), family.* or *");
                }
            }
        }
        if (!isCatalog) {
            set.removeIf(t -> t.family() == EventType.Family.CATALOG);
        }
        return new TypePolicy(set);
    }

    private static boolean matches(String pattern, EventType t) {
        return pattern.equals("*") || pattern.equals(t.wire())
                || (pattern.endsWith(".*") && t.wire().startsWith(pattern.substring(0, pattern.length() - 1)));
    }

    public boolean allows(EventType type) {
        return allowed.contains(type);
    }

    /** False when the source may send nothing at all (→ 403). */
    public boolean allowsAny() {
        return !allowed.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (EventType t : allowed) {
            sb.append(sb.isEmpty() ? "" : ",").append(t.wire());
        }
        return sb.isEmpty() ? "none" : sb.toString();
    }
}
