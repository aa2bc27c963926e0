package io.stowage.cli;

import io.stowage.AddOptions;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.Settings;
import io.stowage.StoredObject;
import io.stowage.core.StoreRegistry;
import io.stowage.core.config.StowageConfig;
import io.stowage.core.download.DirectDownloader;
import io.stowage.core.download.DownloadOptions;
import io.stowage.core.download.DownloadResult;
import io.stowage.file.FileStoreConfig;
import io.stowage.http.HttpStoreConfig;
import io.stowage.s3.S3DownloadHandlerConfig;
import io.stowage.s3.S3StoreConfig;
import io.stowage.tck.memory.MemoryStoreConfig;
import io.stowage.tck.source.Payload;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The child process of {@link SecretsStayOutTest}: drives every store, the registry, the
 * direct downloader and the command with known secrets, on the success and the failure paths,
 * and prints everything a secret could leak into: every exception with its causes and
 * suppressed ones (full stack traces), the {@code toString()} of configs, stores, locations
 * and results, and the command's stdout and stderr (with {@code --debug}). The logs go to this
 * process's stderr through slf4j-simple, Stowage's loggers at TRACE.
 *
 * <p>Each scenario prints {@code === name} and {@code outcome: ok} or {@code outcome: <exception class>}.
 * The secrets come from the environment, as a deployment's would ({@code ${VAR}} in the
 * configs); the configs are files the parent wrote.
 *
 * <p>Arguments: the good config, the good config but for an s3 download handler with a wrong key,
 * the config with the wrong S3 key, the config with an unreachable S3 endpoint, the config with
 * the wrong HTTP password, the config with an unreachable HTTP server, the work dir, the web URL
 * of the served page.
 */
public final class SecretScenarios {
    private static final PrintStream OUT = System.out;

    private SecretScenarios() {}

    public static void main(String[] args) throws Exception {
        Path good = Path.of(args[0]);
        Path wrongHandlerKey = Path.of(args[1]);
        Path wrongS3Key = Path.of(args[2]);
        Path unreachableS3 = Path.of(args[3]);
        Path wrongWebPassword = Path.of(args[4]);
        Path unreachableWeb = Path.of(args[5]);
        Path work = Path.of(args[6]);
        String page = args[7];
        String legacy = System.getenv("LEGACY_LOCATION");
        String webWithUserInfo = System.getenv("WEB_LOCATION_WITH_USER_INFO");

        StowageConfig config = StowageConfig.load(good);
        scenario("config toString", () -> {
            OUT.println(config);
            OUT.println(config.directDownload());
            for (Map.Entry<String, Map<String, Object>> section : config.stores().entrySet()) {
                String type = (String) section.getValue().get("type");
                Settings typed = config.storeSettings(section.getKey());
                OUT.println(switch (type) {
                    case "s3" -> S3StoreConfig.from(typed);
                    case "http" -> HttpStoreConfig.from(typed);
                    case "file" -> FileStoreConfig.from(typed);
                    default -> MemoryStoreConfig.from(typed);
                });
            }
            OUT.println(S3DownloadHandlerConfig.from(Settings.of("handler 's3'", config.directDownload().handlers().get("s3"))));
            return null;
        });

        try (StoreRegistry stores = StoreRegistry.build(config)) {
            scenario("stores toString", () -> {
                OUT.println(stores.describe());
                for (String name : List.of("images", "web", "local", "mem")) {
                    OUT.println(stores.store(name));
                }
                return null;
            });
            Location[] added = new Location[1];
            scenario("s3 add, read, size", () -> {
                StoredObject stored = stores.add("images", ObjectId.of("secret-test"), Payload.of(300_000, 1).open(),
                        AddOptions.defaults());
                OUT.println(stored);
                added[0] = stored.location();
                try (ObjectStream stream = stores.get(stored.location())) {
                    OUT.println(stream + " " + stream.transferTo(OutputStream.nullOutputStream()));
                }
                return stores.size(stored.location());
            });
            scenario("s3 legacy Glance location with keys", () -> {
                Location location = Location.parse(legacy);
                OUT.println(location + " " + location.url() + " " + location.metadata());
                return stores.size(location);
            });
            scenario("s3 legacy Glance location of a missing object", () ->
                    stores.size(Location.parse(legacy.replace("secret-test", "missing"))));
            scenario("s3 duplicate add", () -> stores.add("images", ObjectId.of("secret-test"),
                    new ByteArrayInputStream(new byte[] {1}), AddOptions.defaults()));
            scenario("http read with basic auth", () -> {
                try (ObjectStream stream = stores.get(Location.parse(page))) {
                    return stream.transferTo(OutputStream.nullOutputStream());
                }
            });
            scenario("http location with user-info", () -> {
                Location location = Location.parse(webWithUserInfo);
                OUT.println(location + " " + location.url());
                return stores.size(location);
            });
            scenario("http missing object", () -> stores.size(Location.parse(page.replace("page.txt", "missing.txt"))));
            scenario("memory location with user-info", () ->
                    stores.size(Location.parse(System.getenv("MEMORY_LOCATION_WITH_SECRETS"))));
            scenario("http location with a signature", () -> {
                try (ObjectStream stream = stores.get(Location.parse(System.getenv("WEB_LOCATION_WITH_SIGNATURE")))) {
                    return stream.transferTo(OutputStream.nullOutputStream());
                }
            });
            scenario("file location with user-info", () ->
                    stores.size(Location.parse(System.getenv("FILE_LOCATION_WITH_SECRETS"))));
            scenario("direct download of a legacy location, handler with wrong keys, then the fallback", () -> {
                try (DirectDownloader downloader = DirectDownloader.fromConfig(
                        StowageConfig.load(wrongHandlerKey).directDownload())) {
                    DownloadResult result = downloader.download(List.of(Location.parse(legacy)), work.resolve("downloaded"),
                            DownloadOptions.none(), () -> stores.get(added[0]));
                    OUT.println(result);
                    return result;
                }
            });
            scenario("s3 delete", () -> {
                stores.delete(added[0]);
                return null;
            });
        }

        scenario("s3 wrong secret key", () -> StoreRegistry.build(StowageConfig.load(wrongS3Key)));
        scenario("s3 unreachable endpoint", () -> StoreRegistry.build(StowageConfig.load(unreachableS3)));
        try (StoreRegistry wrong = StoreRegistry.build(StowageConfig.load(wrongWebPassword))) {
            scenario("http wrong password", () -> wrong.size(Location.parse(page)));
        }
        try (StoreRegistry unreachable = StoreRegistry.build(StowageConfig.load(unreachableWeb))) {
            scenario("http unreachable server", () -> unreachable.size(Location.parse(page.replaceFirst(":[0-9]+/",
                    ":" + System.getenv("CLOSED_PORT") + "/"))));
        }

        String target = work.resolve("cli-out").toString();
        cli("cli add to s3", "--debug", "-c", good.toString(), "add", "--store", "images", "--id", "cli-secret", "-");
        cli("cli stat of a legacy location", "--debug", "-c", good.toString(), "stat", legacy.replace("secret-test", "cli-secret"));
        cli("cli get of a legacy location", "--debug", "-c", good.toString(), "get", "-o", target,
                legacy.replace("secret-test", "cli-secret"));
        cli("cli download of a legacy location", "--debug", "-c", good.toString(), "download", "-o", target,
                legacy.replace("secret-test", "cli-secret"));
        cli("cli download with a wrong-key handler, then the fallback", "--debug", "-c", wrongHandlerKey.toString(),
                "download", "-o", target, legacy.replace("secret-test", "cli-secret"));
        cli("cli delete", "--debug", "-c", good.toString(), "delete", "s3://images/cli-secret");
        cli("cli get over http with basic auth", "--debug", "-c", good.toString(), "get", "-o", target, webWithUserInfo);
        cli("cli stores", "-c", good.toString(), "stores");
        cli("cli with the wrong s3 key", "--debug", "-c", wrongS3Key.toString(), "stat", "s3://images/x");
        cli("cli with the wrong http password", "--debug", "-c", wrongWebPassword.toString(), "stat", page);
        cli("cli with an unreachable http server", "--debug", "-c", unreachableWeb.toString(), "stat",
                page.replaceFirst(":[0-9]+/", ":" + System.getenv("CLOSED_PORT") + "/"));
        OUT.println("=== done");
    }

    /** Runs one scenario and prints its outcome, its result and, on failure, the whole exception. */
    private static void scenario(String name, Callable<?> body) {
        OUT.println("=== " + name);
        try {
            Object result = body.call();
            OUT.println("outcome: ok");
            OUT.println("result: " + result);
        } catch (Exception e) {
            OUT.println("outcome: " + e.getClass().getName());
            e.printStackTrace(OUT);
        }
    }

    /** Runs the command in this process, as {@link Cli} does, and prints its exit status, stdout and stderr. */
    private static void cli(String name, String... args) {
        OUT.println("=== " + name);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = StowageCli.run(args, new ByteArrayInputStream(Payload.of(5000, 2).bytes()), stdout, stderr);
        }
        OUT.println("outcome: exit " + code);
        OUT.println("stdout: " + out.toString(StandardCharsets.UTF_8));
        OUT.println("stderr: " + err.toString(StandardCharsets.UTF_8));
    }
}
