package io.stowage.bench;

import io.stowage.Location;
import io.stowage.ObjectStream;
import io.stowage.core.StoreRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;

/**
 * The http store reading the source file from our own nginx on 127.0.0.1 (sendfile, page
 * cache) against, from the same nginx and in the same rounds: {@code curl -o /dev/null} (its
 * own {@code time_total}, so process start is not counted) and the raw Java clients the
 * module's client choice was measured against, Apache HttpClient 5 classic with its defaults
 * and {@link HttpURLConnection}, each reading through the same 128 KiB buffer.
 */
final class HttpScenarios implements Scenario {
    @Override
    public BenchOptions.Group group() {
        return BenchOptions.Group.HTTP;
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        long size = context.workspace().size();
        Path source = context.workspace().source();
        try (Nginx nginx = Nginx.start(source.getParent(), context.workspace().dir("http-nginx"));
                StoreRegistry stores = StowageConfigs.build(StowageConfigs.httpStore(nginx.url(source.getFileName().toString())));
                CloseableHttpClient apache = HttpClients.custom().build()) {
            URI url = nginx.url(source.getFileName().toString());
            Location location = Location.of(url);
            Contender stowage = Contender.timed("stowage get", () -> {
                try (ObjectStream in = stores.get(location)) {
                    return Drain.check("stowage get", Drain.drain(in), size);
                }
            });
            Contender curl = Contender.of("curl", () -> curl(url, size));
            Contender apacheClient = Contender.timed("Apache HttpClient 5", () -> {
                try (CloseableHttpResponse response = apache.execute(new HttpGet(url))) {
                    if (response.getCode() != 200) {
                        throw new IllegalStateException("Apache HttpClient got HTTP " + response.getCode());
                    }
                    try (InputStream in = response.getEntity().getContent()) {
                        return Drain.check("Apache HttpClient 5", Drain.drain(in), size);
                    }
                }
            });
            Contender urlConnection = Contender.timed("HttpURLConnection", () -> {
                HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
                if (connection.getResponseCode() != 200) {
                    throw new IllegalStateException("HttpURLConnection got HTTP " + connection.getResponseCode());
                }
                try (InputStream in = connection.getInputStream()) {
                    return Drain.check("HttpURLConnection", Drain.drain(in), size);
                }
            });
            Rounds rounds = context.quickRounds("http get", List.of(stowage, curl, apacheClient, urlConnection));
            String sized = " (" + Sizes.format(size) + ")";
            return List.of(
                    Comparison.row("http get" + sized + " vs curl", rounds, "stowage get", "curl", "curl -o /dev/null",
                            Unit.BYTES, Target.atLeast(0.80)),
                    Comparison.rowAgainstFastest("http get" + sized + " vs raw Java client", rounds, "stowage get",
                            List.of("Apache HttpClient 5", "HttpURLConnection"), Unit.BYTES, Target.NONE));
        }
    }

    /** One {@code curl} download; the time is curl's own {@code time_total}. */
    private static Sample curl(URI url, long size) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("curl", "-s", "-S", "-f", "-o", "/dev/null",
                "-w", "%{time_total} %{size_download}", url.toString())
                .redirectErrorStream(true)
                .start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("curl failed: " + output);
        }
        String[] fields = output.split("\\s+");
        long downloaded = Long.parseLong(fields[fields.length - 1]);
        Drain.check("curl", downloaded, size);
        double seconds = Double.parseDouble(fields[fields.length - 2]);
        return new Sample(Math.max(1, Math.round(seconds * 1e9)), downloaded);
    }
}
