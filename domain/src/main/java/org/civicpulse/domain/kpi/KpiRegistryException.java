package org.civicpulse.domain.kpi;

import java.util.List;

/** The KPI registry or the regime list is invalid; the message lists every problem found. */
public final class KpiRegistryException extends IllegalArgumentException {

    private final List<String> problems;

    public KpiRegistryException(String source, List<String> problems) {
        super(source + " is invalid (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
