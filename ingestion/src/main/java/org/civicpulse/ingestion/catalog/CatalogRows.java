package org.civicpulse.ingestion.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.civicpulse.domain.event.Problem;
import org.civicpulse.domain.event.ProblemCode;
import org.civicpulse.ingestion.catalog.CatalogKind.Column;

/**
 * Turns catalogue rows (CSV cells or JSON objects) into {@code catalog.*} event JSON. The id is
 * deterministic from the content ({@code catalog.unit:<code>:<validFrom>:<16 hex of sha256>},
 * {@code catalog.procedure:<code>:<16 hex>}, {@code catalog.merger:<oldCode>:<newCode>:<effective>:<16 hex>}),
 * so importing an unchanged file again sends the same ids (no-ops downstream) and a changed row becomes a
 * new version. Text is NFC-normalised.
 */
final class CatalogRows {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, Boolean> BOOLEANS = Map.of(
            "true", true, "false", false, "1", true, "0", false,
            "yes", true, "no", false, "y", true, "n", false);

    /** One row ready for the ingestor: its event JSON and the problems found while reading its cells. */
    record Built(String json, List<Problem> problems) {
    }

    private final CatalogKind kind;
    private final String source;
    private final String occurredAt;
    /** Own mapper, not Spring's: the content hash must not change with application settings. */
    private static final ObjectMapper mapper = new ObjectMapper();

    CatalogRows(CatalogKind kind, String source, Instant now) {
        this.kind = kind;
        this.source = source;
        this.occurredAt = now.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** A CSV record; {@code index[i]} is the cell position of {@code kind.columns.get(i)}, or -1 if absent. */
    Built fromCsv(List<String> cells, int[] index) {
        ObjectNode content = NODES.objectNode();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < kind.columns.size(); i++) {
            Column c = kind.columns.get(i);
            String raw = index[i] >= 0 && index[i] < cells.size() ? cells.get(index[i]) : null;
            content.set(c.json(), cell(c, raw, problems));
        }
        return build(content, problems);
    }

    /** A JSON import element (an object with the event's field names). */
    Built fromJson(JsonNode element) {
        if (!element.isObject()) {
            return new Built(element.toString(), List.of());
        }
        ObjectNode content = NODES.objectNode();
        for (Column c : kind.columns) {
            JsonNode v = element.get(c.json());
            if (v != null && v.isTextual()) {
                String s = nfc(v.textValue().strip());
                if (c.kind() == CatalogKind.Kind.LEVEL) {
                    s = CatalogKind.normalizeLevel(s);
                } else if (c.kind() == CatalogKind.Kind.MERGE_TYPE) {
                    s = CatalogKind.normalizeMergeType(s);
                } else if (c.kind() == CatalogKind.Kind.ENUM) {
                    s = s.toUpperCase(Locale.ROOT);
                }
                v = NODES.textNode(s);
            }
            content.set(c.json(), v == null ? NODES.nullNode() : v);
        }
        return build(content, List.of());
    }

    private JsonNode cell(Column c, String raw, List<Problem> problems) {
        String s = raw == null ? "" : nfc(raw.strip());
        if (s.isEmpty()) {
            return NODES.nullNode();
        }
        switch (c.kind()) {
            case LEVEL:
                return NODES.textNode(CatalogKind.normalizeLevel(s));
            case MERGE_TYPE:
                return NODES.textNode(CatalogKind.normalizeMergeType(s));
            case ENUM:
                return NODES.textNode(s.toUpperCase(Locale.ROOT));
            case BOOL: {
                Boolean b = BOOLEANS.get(s.toLowerCase(Locale.ROOT));
                if (b == null) {
                    problems.add(new Problem(c.json(), ProblemCode.INVALID_VALUE, c.csv()
                            + " must be true or false (also 1/0, yes/no), got \"" + s + "\""));
                    return NODES.textNode(s);
                }
                return NODES.booleanNode(b);
            }
            case INT:
                try {
                    return NODES.numberNode(Long.parseLong(s));
                } catch (NumberFormatException e) {
                    problems.add(new Problem(c.json(), ProblemCode.INVALID_VALUE, c.csv()
                            + " must be a whole number, got \"" + s + "\""));
                    return NODES.textNode(s);
                }
            default:
                return NODES.textNode(s);
        }
    }

    private Built build(ObjectNode content, List<Problem> problems) {
        String hash = sha256Hex16(content);
        String id = switch (kind) {
            case UNITS -> "catalog.unit:" + text(content.get("code")) + ":" + text(content.get("validFrom")) + ":" + hash;
            case PROCEDURES -> "catalog.procedure:" + text(content.get("code")) + ":" + hash;
            case MERGERS -> "catalog.merger:" + text(content.get("oldCode")) + ":" + text(content.get("newCode")) + ":"
                    + text(content.get("effective")) + ":" + hash;
        };
        ObjectNode event = NODES.objectNode();
        event.put("id", id);
        event.put("type", kind.type.wire());
        event.put("occurredAt", occurredAt);
        event.put("source", source);
        event.set("unit", switch (kind) {
            case UNITS -> content.get("code");
            case PROCEDURES -> content.get("unit");
            case MERGERS -> content.get("newCode"); // the new unit inherits the old one's dossiers
        });
        content.fields().forEachRemaining(f -> {
            if (!(kind == CatalogKind.PROCEDURES && f.getKey().equals("unit"))) {
                event.set(f.getKey(), f.getValue());
            }
        });
        try {
            return new Built(mapper.writeValueAsString(event), problems);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sha256Hex16(ObjectNode content) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(mapper.writeValueAsString(content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "" : n.asText();
    }

    static String nfc(String s) {
        return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }
}
