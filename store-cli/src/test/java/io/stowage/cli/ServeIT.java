package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.tck.source.Payload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stowage serve} through the launcher: serves the API, stops on SIGTERM, loads nothing for other commands. */
class ServeIT {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void servesTheImageApiAndStopsGracefullyOnSigterm() throws Exception {
        Files.writeString(temp.resolve("stowage.yaml"), """
                default: local
                stores:
                  local: { type: file, dirs: ["./stowage-data"] }
                images:
                  listen: "127.0.0.1:0"
                  registry: "jdbc:sqlite:./stowage-data/images.db"
                """);
        ForkedCli.Started serve = new ForkedCli(temp, Map.of()).start("-c", "stowage.yaml", "serve");
        serve.closeStdin();
        int port = awaitPort(serve);
        HttpClient client = HttpClient.newHttpClient();
        byte[] data = Payload.of(1_000_000, 3).bytes();

        String id = JSON.readTree(send(client, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/images"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"a\"}")), 201))
                .get("id").textValue();
        send(client, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/images/" + id + "/file"))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(data)), 204);
        byte[] downloaded = send(client, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/images/" + id + "/file")).GET(), 200);
        serve.process().destroy();
        CliResult stopped = serve.finish();

        assertThat(downloaded).isEqualTo(data);
        // one object per upload attempt, named <image id>.<upload id>
        try (var objects = Files.list(temp.resolve("stowage-data"))) {
            assertThat(objects.filter(path -> path.getFileName().toString().startsWith(id + ".")).toList())
                    .singleElement().satisfies(object -> assertThat(object).hasBinaryContent(data));
        }
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(143);
        assertThat(stopped.stderr()).contains("Image service stopped").doesNotContain("Exception");
    }

    @Test
    void otherCommandsLoadNoClassOfTheImageService() throws Exception {
        Path log = temp.resolve("classes.log");
        CliResult result = new ForkedCli(temp, Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + log)).run("stores");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String loaded = Files.readString(log);
        assertThat(loaded).contains("io.stowage.cli.StoresCommand");
        assertThat(loaded).doesNotContain("io.stowage.image.", "org.eclipse.jetty.", "org.sqlite.", "org.flywaydb.", "com.zaxxer.");
    }

    private static int awaitPort(ForkedCli.Started serve) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = LISTENING.matcher(Files.readString(serve.stderr(), StandardCharsets.UTF_8));
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            if (!serve.process().isAlive()) {
                throw new AssertionError("stowage serve ended: " + Files.readString(serve.stderr()));
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        serve.process().destroyForcibly();
        throw new AssertionError("stowage serve did not say where it listens within 60 s");
    }

    private static byte[] send(HttpClient client, HttpRequest.Builder request, int status) {
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(status);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
