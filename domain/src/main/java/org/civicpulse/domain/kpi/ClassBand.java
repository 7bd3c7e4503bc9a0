package org.civicpulse.domain.kpi;

import java.math.BigDecimal;
import java.util.Objects;

/** A class of the Decision 766 total score: scores ≥ {@code minScore} (out of 100) and below the next band. */
public record ClassBand(String id, LocalizedText name, BigDecimal minScore) {

    public ClassBand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(minScore, "minScore");
    }
}
