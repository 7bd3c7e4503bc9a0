package org.civicpulse.ingestion.catalog;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line client of the catalogue import (JDK classes only, so it also runs from
 * {@code target/classes} or the plain jar):
 *
 * <pre>
 * CatalogImportMain &lt;units|procedures|mergers&gt; &lt;file.csv|file.json&gt; [--url http://127.0.0.1:8090]
 *                   --token-file &lt;file&gt; [--source catalog] [--wait 60]
 * </pre>
 *
 * The token file is either just the token, or {@code source=token} lines (the ingestion service's
 * tokens file), from which the {@code --source} line (default {@code catalog}) is taken. {@code .json}
 * files are sent as {@code application/json}, everything else as {@code text/csv}. While the service is
 * not reachable or answers 503 it retries until {@code --wait} seconds have passed. Prints the answer.
 * Exit status: 0 all rows accepted, 2 some rows rejected, 1 any other failure.
 */
public final class CatalogImportMain {

    private static final String USAGE = "usage: CatalogImportMain <units|procedures|mergers> <file> [--url http://127.0.0.1:8090]"
            + " --token-file <file> [--source catalog] [--wait 60]";

    private CatalogImportMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the import; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String kind = null;
        Path file = null;
        String url = "http://127.0.0.1:8090";
        Path tokenFile = null;
        String source = "catalog";
        long waitSeconds = 60;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--url" -> url = args[++i];
                    case "--token-file" -> tokenFile = Path.of(args[++i]);
                    case "--source" -> source = args[++i];
                    case "--wait" -> waitSeconds = Long.parseLong(args[++i]);
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        } else if (kind == null) {
                            kind = a;
                        } else if (file == null) {
                            file = Path.of(a);
                        } else {
                            throw new IllegalArgumentException("unexpected argument " + a);
                        }
                    }
                }
            }
            if (kind == null || file == null || tokenFile == null) {
                throw new IllegalArgumentException("missing arguments");
            }
            if (!kind.equals("units") && !kind.equals("procedures") && !kind.equals("mergers")) {
                throw new IllegalArgumentException("the first argument must be units, procedures or mergers, got " + kind);
            }
        } catch (RuntimeException e) {
            err.println(e.getMessage() == null ? e.toString() : e.getMessage());
            err.println(USAGE);
            return 1;
        }
        try {
            String token = readToken(tokenFile, source);
            boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
            byte[] body = Files.readAllBytes(file);
            URI uri = URI.create(url.replaceAll("/+$", "") + "/api/v1/catalog/" + kind);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", json ? "application/json" : "text/csv; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
            while (true) {
                HttpResponse<String> response;
                try {
                    response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                } catch (ConnectException e) {
                    if (System.nanoTime() - deadline > 0) {
                        err.println("cannot reach " + uri + ": " + e);
                        return 1;
                    }
                    Thread.sleep(1000);
                    continue;
                }
                if (response.statusCode() == 503 && System.nanoTime() - deadline < 0) {
                    long retry = response.headers().firstValueAsLong("Retry-After").orElse(2);
                    err.println("ingestion answered 503 (Kafka not ready); retrying in " + retry + " s");
                    Thread.sleep(Math.min(retry, 10) * 1000);
                    continue;
                }
                out.println(response.body());
                if (response.statusCode() != 200) {
                    err.println("import of " + file + " failed: HTTP " + response.statusCode());
                    return 1;
                }
                long accepted = number(response.body(), "accepted");
                long rejected = number(response.body(), "rejected");
                err.println("imported " + kind + " from " + file + ": " + accepted + " accepted, " + rejected + " rejected");
                return rejected == 0 ? 0 : 2;
            }
        } catch (IOException e) {
            err.println("import failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return 1;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    /** The token: the file's only non-comment line, or the value of its {@code source=} line. */
    static String readToken(Path tokenFile, String source) throws IOException {
        List<String> lines = Files.readAllLines(tokenFile, StandardCharsets.UTF_8).stream()
                .map(l -> l.startsWith("\uFEFF") ? l.substring(1) : l)
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        for (String l : lines) {
            int eq = l.indexOf('=');
            if (eq > 0 && l.substring(0, eq).strip().equals(source)) {
                return l.substring(eq + 1).strip();
            }
        }
        if (lines.size() == 1 && lines.get(0).indexOf('=') < 0) {
            return lines.get(0);
        }
        throw new IllegalArgumentException(tokenFile + " has no token for source " + source
                + " (expected a line " + source + "=<token>, or the token alone)");
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
