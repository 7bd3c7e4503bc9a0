package org.civicpulse.ingestion.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.HexFormat;
import java.util.TreeSet;
import org.civicpulse.ingestion.IngestionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The per-source tokens, from {@code civicpulse.ingestion.sources.<source>=<token>} and/or the
 * {@code civicpulse.ingestion.tokens-file} ({@code source=token} lines, {@code #} comments).
 * Only SHA-256 digests of the tokens are kept; a presented token is hashed and compared with every
 * digest in constant time ({@link MessageDigest#isEqual}), without stopping at a match.
 */
@Component
public class SourceTokens {

    private static final Logger log = LoggerFactory.getLogger(SourceTokens.class);
    private static final String BEARER = "Bearer ";

    private record Entry(byte[] digest, SourceCredential credential) {
    }

    private final Entry[] entries;
    private final String catalogSource;

    public SourceTokens(IngestionProperties props) {
        this.catalogSource = props.catalogSource();
        Map<String, List<String>> tokens = new TreeMap<>();
        props.sources().forEach((source, value) -> {
            for (String t : value.split(",")) {
                add(tokens, source.trim(), t.trim(), "civicpulse.ingestion.sources." + source);
            }
        });
        if (props.tokensFile() != null) {
            readFile(props.tokensFile(), tokens);
        }
        for (String source : props.allowedTypes().keySet()) {
            if (!tokens.containsKey(source)) {
                log.warn("civicpulse.ingestion.allowed-types.{} is set but source {} has no token", source, source);
            }
        }
        List<Entry> list = new ArrayList<>();
        TreeSet<String> seenDigests = new TreeSet<>();
        tokens.forEach((source, ts) -> {
            TypePolicy policy = TypePolicy.of(source, props.allowedTypes().get(source), catalogSource);
            SourceCredential cred = new SourceCredential(source, policy);
            for (String t : ts) {
                byte[] d = sha256(t);
                if (!seenDigests.add(HexFormat.of().formatHex(d))) {
                    throw new IllegalStateException("the same token is configured twice (source " + source
                            + "); every source needs its own token");
                }
                list.add(new Entry(d, cred));
            }
            log.info("source {}: {} token(s), may send {}", source, ts.size(), policy);
        });
        if (list.isEmpty()) {
            log.warn("no source tokens configured (civicpulse.ingestion.sources.<source>=<token> or "
                    + "civicpulse.ingestion.tokens-file): every request will be answered 401");
        }
        this.entries = list.toArray(Entry[]::new);
    }

    private static void add(Map<String, List<String>> tokens, String source, String token, String where) {
        if (source.isEmpty()) {
            throw new IllegalStateException(where + ": empty source name");
        }
        if (token.isEmpty()) {
            return;
        }
        if (token.length() < 16) {
            throw new IllegalStateException(where + ": token for source " + source
                    + " is shorter than 16 characters; generate a random one");
        }
        tokens.computeIfAbsent(source, s -> new ArrayList<>()).add(token);
    }

    private static void readFile(Path file, Map<String, List<String>> tokens) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read civicpulse.ingestion.tokens-file " + file, e);
        }
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = n == 1 && raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalStateException(file + " line " + n + ": expected source=token");
            }
            add(tokens, line.substring(0, eq).strip(), line.substring(eq + 1).strip(), file + " line " + n);
        }
    }

    /** The catalogue source's name ({@code civicpulse.ingestion.catalog-source}). */
    public String catalogSource() {
        return catalogSource;
    }

    /** The caller for an {@code Authorization} header value, or empty when missing, malformed or unknown. */
    public Optional<SourceCredential> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() <= BEARER.length()
                || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = authorizationHeader.substring(BEARER.length()).strip();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(token);
        SourceCredential found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest, presented) && found == null) {
                found = e.credential;
            }
        }
        return Optional.ofNullable(found);
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
