package org.civicpulse.ingestion.events;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.civicpulse.domain.event.Problem;
import org.civicpulse.domain.event.ProblemCode;
import org.civicpulse.ingestion.auth.SourceCredential;
import org.civicpulse.ingestion.events.EventIngestor.Batch;
import org.civicpulse.ingestion.kafka.BrokerUnavailableException;
import org.civicpulse.ingestion.web.ApiException;
import org.civicpulse.ingestion.web.RequestLogFilter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/events}: NDJSON (one event a line, blank lines skipped, physical line numbers) or a
 * JSON array (1-based element numbers). See docs/DESIGN.md "Ingestion API".
 */
@RestController
public class EventsController {

    public static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final List<MediaType> ACCEPTED = List.of(NDJSON, MediaType.parseMediaType("application/ndjson"),
            MediaType.parseMediaType("application/jsonl"), MediaType.APPLICATION_JSON);

    private final EventIngestor ingestor;
    private final RequestSupport support;

    public EventsController(EventIngestor ingestor, RequestSupport support) {
        this.ingestor = ingestor;
        this.support = support;
    }

    @PostMapping(path = "/api/v1/events", produces = MediaType.APPLICATION_JSON_VALUE)
    public IngestResult post(HttpServletRequest req) throws IOException {
        SourceCredential caller = support.authenticate(req);
        MediaType type = support.contentType(req, ACCEPTED);
        support.checkContentLength(req);
        try {
            ingestor.checkReady();
        } catch (BrokerUnavailableException e) {
            throw support.unavailable(e);
        }
        Batch batch = ingestor.newBatch(caller, UnaryOperator.identity());
        int maxEvent = ingestor.maxEventBytes();
        LimitedInputStream in = new LimitedInputStream(req.getInputStream(), support.maxBodyBytes());
        try {
            if (type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
                byte[] body = in.readAllBytes();
                JsonArraySplitter.split(body, 0, body.length,
                        (index, b, off, len) -> addEvent(batch, index, b, off, len, len, maxEvent));
            } else {
                NdjsonReader.read(in, maxEvent,
                        (lineNo, b, off, len, full) -> addEvent(batch, lineNo, b, off, len, full, maxEvent));
            }
        } catch (LimitedInputStream.BodyTooLargeException e) {
            throw support.tooLarge();
        } catch (JsonArraySplitter.NotAnArrayException e) {
            throw ApiException.badRequest(e.getMessage());
        } finally {
            req.setAttribute(RequestLogFilter.BYTES, in.count());
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

    private static void addEvent(Batch batch, long line, byte[] b, int off, int len, long fullLength, int maxEvent) {
        if (fullLength > maxEvent || len > maxEvent) {
            String prefix = new String(b, off, Math.min(len, maxEvent), StandardCharsets.UTF_8);
            batch.reject(line, new Problem(null, ProblemCode.TOO_LONG, "the event is " + fullLength
                    + " bytes long; the limit per event is " + maxEvent + " bytes"), prefix, true);
            return;
        }
        String text = Utf8.decodeStrict(b, off, len);
        if (text == null) {
            batch.reject(line, new Problem(null, ProblemCode.MALFORMED_JSON, "the event is not valid UTF-8"),
                    new String(b, off, len, StandardCharsets.UTF_8), false);
            return;
        }
        batch.add(line, text, text);
    }
}
