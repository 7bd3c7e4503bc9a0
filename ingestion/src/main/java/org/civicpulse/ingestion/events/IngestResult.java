package org.civicpulse.ingestion.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The 200 answer: {@code {"accepted":n,"rejected":m,"errors":[...]}}; {@code errorsTruncated} appears
 * (true) only when more errors existed than {@code civicpulse.ingestion.max-reported-errors}.
 */
public record IngestResult(
        int accepted,
        int rejected,
        List<LineError> errors,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean errorsTruncated) {
}
