package org.civicpulse.ingestion.events;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.civicpulse.ingestion.IngestionProperties;
import org.civicpulse.ingestion.auth.SourceCredential;
import org.civicpulse.ingestion.auth.SourceTokens;
import org.civicpulse.ingestion.kafka.BrokerUnavailableException;
import org.civicpulse.ingestion.web.ApiException;
import org.civicpulse.ingestion.web.RequestLogFilter;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** The checks every ingestion endpoint makes before reading a body: token, content type, size, Kafka ready. */
@Component
public class RequestSupport {

    private final SourceTokens tokens;
    private final IngestionProperties props;

    public RequestSupport(SourceTokens tokens, IngestionProperties props) {
        this.tokens = tokens;
        this.props = props;
    }

    public long maxBodyBytes() {
        return props.maxBodySize().toBytes();
    }

    /** 401 without a valid token, 403 when the source may not send anything. */
    public SourceCredential authenticate(HttpServletRequest req) {
        String header = req.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiException.unauthorized("missing Authorization header; send Authorization: Bearer <source token>");
        }
        SourceCredential cred = tokens.authenticate(header)
                .orElseThrow(() -> ApiException.unauthorized("invalid source token"));
        req.setAttribute(RequestLogFilter.SOURCE, cred.source());
        if (!cred.policy().allowsAny()) {
            throw ApiException.forbidden("source \"" + cred.source() + "\" is not allowed to send any events");
        }
        return cred;
    }

    /** 403 unless the caller is the catalogue source. */
    public void requireCatalogSource(SourceCredential cred) {
        if (!cred.source().equals(tokens.catalogSource())) {
            throw ApiException.forbidden("the catalogue import needs the token of source \"" + tokens.catalogSource()
                    + "\"; this token belongs to source \"" + cred.source() + "\"");
        }
    }

    /**
     * The request's media type if it is one of {@code accepted} (charset, if given, must be UTF-8), else 415
     * listing the accepted types.
     */
    public MediaType contentType(HttpServletRequest req, List<MediaType> accepted) {
        String raw = req.getContentType();
        String acceptedText = String.join(", ", accepted.stream().map(MediaType::toString).toList());
        ApiException unsupported = new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                (raw == null ? "missing Content-Type" : "Content-Type " + raw + " is not supported")
                        + "; send one of: " + acceptedText + " (UTF-8)")
                .header("Accept-Post", acceptedText)
                .detail("accepted", accepted.stream().map(MediaType::toString).toList());
        if (raw == null) {
            throw unsupported;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(raw);
        } catch (InvalidMediaTypeException e) {
            throw unsupported;
        }
        Charset cs;
        try {
            cs = type.getCharset();
        } catch (RuntimeException e) {
            throw unsupported;
        }
        if (cs != null && !cs.equals(StandardCharsets.UTF_8) && !cs.equals(StandardCharsets.US_ASCII)) {
            throw unsupported;
        }
        for (MediaType a : accepted) {
            if (a.equalsTypeAndSubtype(type)) {
                return a;
            }
        }
        throw unsupported;
    }

    /** 413 up front when Content-Length already says too much. */
    public void checkContentLength(HttpServletRequest req) {
        long len = req.getContentLengthLong();
        if (len > maxBodyBytes()) {
            throw tooLarge();
        }
    }

    public ApiException tooLarge() {
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large",
                "the request body is larger than the limit of " + maxBodyBytes() + " bytes; split it into smaller requests")
                .detail("limitBytes", maxBodyBytes());
    }

    /** 503 with Retry-After: nothing of the request counts as accepted. */
    public ApiException unavailable(BrokerUnavailableException e) {
        long seconds = Math.max(1, props.retryAfter().toSeconds());
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "kafka_unavailable",
                "Kafka did not take the events; nothing of this request was accepted; resend it after "
                        + seconds + " s (" + e.getMessage() + ")", e)
                .header("Retry-After", Long.toString(seconds))
                .detail("retryAfterSeconds", seconds);
    }
}
