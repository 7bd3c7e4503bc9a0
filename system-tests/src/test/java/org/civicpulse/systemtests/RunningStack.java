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
          + "INGESTION_URL, CLICKHOUSE_URL, KAFKA_BOOTSTRAP_SERVERS, DASHBOARD_URL, CIVICPULSE_TOKENS_FILE, "
          + "CIVICPULSE_USERS_FILE and INGESTION_JAR.");
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

  HttpResponse<String> postCatalog(String kind, String csv) {
    return send(HttpRequest.newBuilder(URI.create(ingestionUrl + "/api/v1/catalog/" + kind))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token("catalog"))
        .header("Content-Type", "text/csv; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8))
        .build());
  }

  String dashboardUrl() {
    return required("DASHBOARD_URL");
  }

  /** GET /api/v1/kpis of the running dashboard as a city leader (a user from CIVICPULSE_USERS_FILE). */
  HttpResponse<String> getKpis(String period, String unit) {
    String url = dashboardUrl() + "/api/v1/kpis?period=" + URLEncoder.encode(period, StandardCharsets.UTF_8)
        + "&unit=" + URLEncoder.encode(unit, StandardCharsets.UTF_8);
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .header("Authorization", basic(userWithRole("LEADER"))).GET().build());
  }

  /** {user, password} of the first user with that role in CIVICPULSE_USERS_FILE (user=password,ROLE[,ROLE],unit). */
  String[] userWithRole(String role) {
    return users().stream().filter(u -> List.of(u).subList(2, u.length).contains(role)).findFirst()
        .map(u -> new String[] {u[0], u[1]})
        .orElseThrow(() -> new IllegalStateException("no user with role " + role + " in CIVICPULSE_USERS_FILE"));
  }

  /** {user, password} of a named user of CIVICPULSE_USERS_FILE. */
  String[] user(String name) {
    return users().stream().filter(u -> u[0].equals(name)).findFirst().map(u -> new String[] {u[0], u[1]})
        .orElseThrow(() -> new IllegalStateException("no user " + name + " in CIVICPULSE_USERS_FILE"));
  }

  private List<String[]> users() {
    try {
      return Files.readAllLines(Path.of(required("CIVICPULSE_USERS_FILE"))).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> (line.replaceFirst("=", ",")).split(","))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A call to the running dashboard's REST API with HTTP Basic credentials. */
  HttpResponse<String> dashboard(String[] user, String method, String path, String jsonBody) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(dashboardUrl() + path))
        .timeout(Duration.ofSeconds(60)).header("Authorization", basic(user));
    if (jsonBody == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    }
    return send(request.build());
  }

  private static String basic(String[] user) {
    return "Basic " + java.util.Base64.getEncoder().encodeToString((user[0] + ":" + user[1]).getBytes(StandardCharsets.UTF_8));
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
