package org.civicpulse.ingestion.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.civicpulse.domain.event.Problem;
import org.civicpulse.ingestion.auth.SourceCredential;
import org.civicpulse.ingestion.catalog.CatalogKind.Column;
import org.civicpulse.ingestion.events.EventIngestor;
import org.civicpulse.ingestion.events.EventIngestor.Batch;
import org.civicpulse.ingestion.events.IngestCodes;
import org.civicpulse.ingestion.events.IngestResult;
import org.civicpulse.ingestion.events.LimitedInputStream;
import org.civicpulse.ingestion.events.RequestSupport;
import org.civicpulse.ingestion.kafka.BrokerUnavailableException;
import org.civicpulse.ingestion.web.ApiException;
import org.civicpulse.ingestion.web.RequestLogFilter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/catalog/units}, {@code /procedures} and {@code /mergers}: a CSV file (header line,
 * RFC 4180, UTF-8, BOM tolerated) or a JSON array of objects; each row becomes a {@code catalog.*} event that
 * goes through the same validation and Kafka path as {@code /api/v1/events}. Errors name the CSV line and
 * column (JSON: the element number and field). Needs the catalogue source's token.
 */
@RestController
public class CatalogController {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");
    private static final List<MediaType> ACCEPTED = List.of(CSV, MediaType.APPLICATION_JSON);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventIngestor ingestor;
    private final RequestSupport support;

    public CatalogController(EventIngestor ingestor, RequestSupport support) {
        this.ingestor = ingestor;
        this.support = support;
    }

    @PostMapping(path = "/api/v1/catalog/units", produces = MediaType.APPLICATION_JSON_VALUE)
    public IngestResult units(HttpServletRequest req) throws IOException {
        return importRows(req, CatalogKind.UNITS);
    }

    @PostMapping(path = "/api/v1/catalog/procedures", produces = MediaType.APPLICATION_JSON_VALUE)
    public IngestResult procedures(HttpServletRequest req) throws IOException {
        return importRows(req, CatalogKind.PROCEDURES);
    }

    @PostMapping(path = "/api/v1/catalog/mergers", produces = MediaType.APPLICATION_JSON_VALUE)
    public IngestResult mergers(HttpServletRequest req) throws IOException {
        return importRows(req, CatalogKind.MERGERS);
    }

    private IngestResult importRows(HttpServletRequest req, CatalogKind kind) throws IOException {
        SourceCredential caller = support.authenticate(req);
        support.requireCatalogSource(caller);
        MediaType type = support.contentType(req, ACCEPTED);
        support.checkContentLength(req);
        try {
            ingestor.checkReady();
        } catch (BrokerUnavailableException e) {
            throw support.unavailable(e);
        }
        LimitedInputStream in = new LimitedInputStream(req.getInputStream(), support.maxBodyBytes());
        byte[] body;
        try {
            body = in.readAllBytes();
        } catch (LimitedInputStream.BodyTooLargeException e) {
            throw support.tooLarge();
        } finally {
            req.setAttribute(RequestLogFilter.BYTES, in.count());
        }
        String text = decode(body);
        CatalogRows rows = new CatalogRows(kind, caller.source(), Instant.now());
        Batch batch;
        if (type.equalsTypeAndSubtype(CSV)) {
            batch = ingestor.newBatch(caller, kind::csvName);
            importCsv(text, kind, rows, batch);
        } else {
            batch = ingestor.newBatch(caller, f -> f);
            importJson(text, rows, batch);
        }
        try {
            IngestResult result = batch.publish();
            req.setAttribute(RequestLogFilter.ACCEPTED, result.accepted());
            req.setAttribute(RequestLogFilter.REJECTED, result.rejected());
            return result;
        } catch (BrokerUnavailableException e) {
            req.setAttribute(RequestLogFilter.REASON, e.getMessage());
            throw support.unavailable(e);
        }
    }

    private static void importCsv(String text, CatalogKind kind, CatalogRows rows, Batch batch) {
        List<CsvReader.Row> records = CsvReader.parse(text, CsvReader.detectDelimiter(text));
        if (records.isEmpty()) {
            throw ApiException.badRequest("the CSV has no header line; expected the columns "
                    + columnList(kind));
        }
        CsvReader.Row header = records.get(0);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < header.cells().size(); i++) {
            position.putIfAbsent(header.cells().get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        int[] index = new int[kind.columns.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < index.length; i++) {
            Column c = kind.columns.get(i);
            index[i] = position.getOrDefault(c.csv(), -1);
            if (index[i] < 0 && c.required()) {
                missing.add(c.csv());
            }
        }
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("the CSV header (line " + header.line() + ") lacks the column(s) "
                    + String.join(", ", missing) + "; expected " + columnList(kind))
                    .detail("missingColumns", missing);
        }
        int width = header.cells().size();
        for (int r = 1; r < records.size(); r++) {
            CsvReader.Row row = records.get(r);
            CatalogRows.Built built = rows.fromCsv(row.cells(), index);
            List<Problem> problems = built.problems();
            if (row.problem() != null || row.cells().size() > width) {
                problems = new ArrayList<>(problems);
                if (row.problem() != null) {
                    problems.add(new Problem(null, IngestCodes.MALFORMED_CSV, row.problem()));
                } else {
                    problems.add(new Problem(null, IngestCodes.MALFORMED_CSV, "the row has " + row.cells().size()
                            + " cells but the header has " + width + " columns (a comma in an unquoted value?)"));
                }
            }
            batch.add(row.line(), built.json(), row.raw(), problems);
        }
    }

    private static void importJson(String text, CatalogRows rows, Batch batch) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not well-formed JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            return;
        }
        if (!root.isArray()) {
            throw ApiException.badRequest("the body must be a JSON array of objects");
        }
        long index = 0;
        for (JsonNode element : root) {
            index++;
            CatalogRows.Built built = rows.fromJson(element);
            batch.add(index, built.json(), element.toString(), built.problems());
        }
    }

    private static String columnList(CatalogKind kind) {
        StringBuilder sb = new StringBuilder();
        for (Column c : kind.columns) {
            sb.append(sb.isEmpty() ? "" : ",").append(c.csv());
        }
        return sb.toString();
    }

    private static String decode(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the body is not valid UTF-8; save the file as UTF-8");
        }
    }
}
