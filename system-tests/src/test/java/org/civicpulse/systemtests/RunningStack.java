package org.civicpulse.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The stack that {@code ./civicpulse test} starts before the system tests run: its addresses
 * come from the environment. Nothing here starts a service; a missing variable fails the test
 * with the command that provides it.
 */
final class RunningStack {

  final String ingestionUrl;
  final String clickhouseUrl;
  final String kafkaBootstrap;
  private final Properties tokens = new Properties();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RunningStack() {
    ingestionUrl = required("INGESTION_URL");
    clickhouseUrl = required("CLICKHOUSE_URL");
    kafkaBootstrap = required("KAFKA_BOOTSTRAP_SERVERS");
    try {
      tokens.load(Files.newBufferedReader(Path.of(required("CIVICPULSE_TOKENS_FILE"))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the source tokens file", e);
    }
  }

  static RunningStack fromEnvironment() {
    return new RunningStack();
  }

  private static String required(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set. The system tests drive a running stack: run them with"
          + " ./civicpulse test, which starts ClickHouse, Kafka, the Flink job and ingestion and sets "
          + "INGESTION_URL, CLICKHOUSE_URL, KAFKA_BOOTSTRAP_SERVERS, CIVICPULSE_TOKENS_FILE and INGESTION_JAR.");
    }
    return value;
  }

  String token(String source) {
    String token = tokens.getProperty(source);
    if (token == null) {
      throw new IllegalStateException("no token for source " + source + " in CIVICPULSE_TOKENS_FILE");
    }
    return token;
  }

  HttpResponse<String> postEvents(String source, String ndjson) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(ingestionUrl + "/api/v1/events"))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token(source))
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString(ndjson, StandardCharsets.UTF_8))
        .build();
    return send(request);
  }

  /**
   * Reads ClickHouse over plain HTTP (TabSeparated), independently of the product's own
   * connection layer, so a bug there cannot hide a bug in what the pipeline wrote.
   */
  List<String[]> clickhouse(String sql) {
    boolean select = sql.stripLeading().toUpperCase(java.util.Locale.ROOT).startsWith("SELECT");
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(clickhouseUrl + "/?database=civicpulse"))
        .timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(select ? sql + " FORMAT TabSeparated" : sql, StandardCharsets.UTF_8))
        .build());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("ClickHouse answered " + response.statusCode() + ": " + response.body());
    }
    List<String[]> rows = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      if (!line.isEmpty()) {
        rows.add(line.split("\t", -1));
      }
    }
    return rows;
  }

  /** Streams a file into a table (e.g. format CSVWithNames) without holding it in memory. */
  void clickhouseInsertFile(String table, String format, Path file) {
    String url = clickhouseUrl + "/?database=civicpulse&query="
        + URLEncoder.encode("INSERT INTO " + table + " FORMAT " + format, StandardCharsets.UTF_8);
    HttpRequest.BodyPublisher body;
    try {
      body = HttpRequest.BodyPublishers.ofFile(file);
    } catch (java.io.FileNotFoundException e) {
      throw new UncheckedIOException(e);
    }
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(300)).POST(body).build());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("ClickHouse insert answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** The ingestion jar the stack runs: the simulator and the catalogue import are mains inside it. */
  String ingestionJar() {
    return required("INGESTION_JAR");
  }

  String tokensFile() {
    return required("CIVICPULSE_TOKENS_FILE");
  }

  long clickhouseLong(String sql) {
    return Long.parseLong(clickhouse(sql).get(0)[0]);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("request to " + request.uri().getHost() + ":" + request.uri().getPort() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
