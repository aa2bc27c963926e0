package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.stowage.InvalidConfigurationException;
import io.stowage.StoreException;
import io.stowage.core.StoreRegistry;
import io.stowage.core.config.StowageConfig;
import io.stowage.core.download.DirectDownloader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile config documents, 10,000 of them: YAML and JSON with every store type on the
 * command's classpath (file, http, s3, memory) and the direct-download handlers, their keys
 * given wrong types, out-of-range numbers, control characters, traversals, unset
 * {@code ${VAR}}s, unknown keys and names — and, for documents without an s3 part, text
 * mutations on top. {@link StowageConfig#parse}, {@link StoreRegistry#build} and
 * {@link DirectDownloader#fromConfig} either succeed or raise {@link InvalidConfigurationException}
 * (the documented error), never anything else and never hanging; nothing outside the dir the
 * configs name for data dirs changes. Documents with an s3 part always name the loopback S3Proxy
 * (or an endpoint that is refused before any connection) and keys, so that no client ever
 * looks for AWS or its metadata service.
 */
class HostileConfigPropertiesTest {
    private static final int TRIES = 10_000;
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HostileInputSandbox sandbox;
    private static ExecutorService caller;
    private static Function<String, String> environment;

    @BeforeContainer
    static void start() throws Exception {
        sandbox = new HostileInputSandbox();
        caller = Executors.newSingleThreadExecutor();
        Map<String, String> variables = new HashMap<>();
        variables.put("DATA_DIR", sandbox.cfg.resolve("from-env").toString());
        variables.put("EMPTY", "");
        variables.put("S3_SECRET", HostileInputSandbox.SECRET_KEY);
        environment = variables::get;
    }

    @AfterContainer
    static void stop() throws Exception {
        caller.shutdownNow();
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Property(tries = TRIES)
    void configDocumentsBuildOrFailWithAConfigurationError(@ForAll("configDocuments") String document) throws Exception {
        Map<String, String> before = sandbox.snapshot();

        String outcome = withinTimeLimit(() -> {
            StowageConfig config;
            try {
                config = StowageConfig.parse(document, environment);
            } catch (InvalidConfigurationException refused) {
                assertThat(refused.getMessage()).doesNotContain(HostileInputSandbox.SECRET_KEY);
                return "parse: InvalidConfigurationException";
            }
            refuseDirsOutsideTheSandbox(config);
            String built;
            try (StoreRegistry stores = StoreRegistry.build(config)) {
                built = "built " + stores.describe().size() + " store(s)";
            } catch (InvalidConfigurationException refused) {
                assertThat(refused.getMessage()).doesNotContain(HostileInputSandbox.SECRET_KEY);
                built = "build: InvalidConfigurationException";
            }
            try (DirectDownloader downloader = DirectDownloader.fromConfig(config.directDownload())) {
                return built;
            } catch (InvalidConfigurationException refused) {
                return built + ", downloader: InvalidConfigurationException";
            }
        }, document);

        assertThat(sandbox.snapshot()).as("the sandbox after %s", document).isEqualTo(before);
        Statistics.collect(outcome.startsWith("built") ? "built" : outcome.startsWith("parse") ? "parse refused" : "build refused");
        Statistics.coverage(coverage -> {
            coverage.check("parse refused").count(count -> count >= 500);
            coverage.check("build refused").count(count -> count >= 500);
            coverage.check("built").count(count -> count >= 100);
        });
    }

    /**
     * A guard against this test's own generators: a file store would create a data dir wherever
     * its config says, so a document naming one outside the sandbox stops the run before that.
     */
    private static void refuseDirsOutsideTheSandbox(StowageConfig config) {
        for (Map.Entry<String, Map<String, Object>> store : config.stores().entrySet()) {
            if (!(store.getValue().get("dirs") instanceof List<?> dirs)) {
                continue;
            }
            for (Object dir : dirs) {
                String path = dir instanceof String text ? text : "";
                boolean harmless = path.isBlank() || path.startsWith(":") || path.indexOf('\0') >= 0
                        || path.startsWith(sandbox.root + "/");
                if (!harmless) {
                    throw new IllegalStateException("the generator named a data dir outside the sandbox: " + path);
                }
            }
        }
    }

    // ---------------------------------------------------------------- the documents

    @Provide
    Arbitrary<String> configDocuments() {
        Arbitrary<Map<String, Object>> section = Arbitraries.frequencyOf(
                Tuple.of(4, fileStore()), Tuple.of(3, httpStore()), Tuple.of(1, s3Store()), Tuple.of(2, memoryStore()),
                Tuple.of(1, oddStore()));
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.of("local", "web", "images", "mem")),
                Tuple.of(1, Arbitraries.of("a b", "", "../x", "x".repeat(80), "n\u0000", "${UNSET}", "é")));
        Arbitrary<Map<String, Object>> stores = Combinators.combine(name, section).as(Tuple::of).list().ofMinSize(1)
                .ofMaxSize(3).map(sections -> {
                    Map<String, Object> named = new LinkedHashMap<>();
                    sections.forEach(entry -> named.put(entry.get1(), entry.get2()));
                    return named;
                });
        // Mostly the default the rules need (none for one store, one of the stores for several), sometimes a wrong one.
        Arbitrary<Function<Map<String, Object>, Object>> defaultName = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(named -> named.size() > 1 ? named.keySet().iterator().next() : null)),
                Tuple.of(1, Arbitraries.of("nope", "", "${UNSET}", 5).map(wrong -> named -> wrong)),
                Tuple.of(1, Arbitraries.just(named -> null)));
        Arbitrary<Map<String, Object>> documents = Combinators.combine(stores, defaultName, directDownload().injectNull(0.6),
                        Arbitraries.of("extra", "Stores", "default ", "direct_download").injectNull(0.95))
                .as((storeSections, chooseDefault, download, extraKey) -> {
                    Map<String, Object> document = new LinkedHashMap<>();
                    Object defaultStore = chooseDefault.apply(storeSections);
                    if (defaultStore != null) {
                        document.put("default", defaultStore);
                    }
                    document.put("stores", storeSections);
                    if (download != null) {
                        document.put("direct-download", download);
                    }
                    if (extraKey != null) {
                        document.put(extraKey, 1);
                    }
                    return document;
                });
        return Combinators.combine(documents, Arbitraries.of("yaml", "json"), mutations())
                .as((document, format, mutation) -> {
                    String text = render(document, format);
                    // Text damage could move an s3 part off its loopback endpoint and keys, or a data dir anywhere
                    // on this machine (the file store creates its dirs): documents with either are not damaged.
                    return text.contains("s3") || text.contains("dirs") ? text : mutation.apply(text);
                });
    }

    private Arbitrary<Map<String, Object>> fileStore() {
        String cfg = sandbox.cfg.toString();
        Arbitrary<Object> dirs = mostly(
                List.of(List.of(cfg + "/a"), List.of(cfg + "/b:5", cfg + "/c:-1"), List.of(sandbox.data.toString()),
                        List.of("${DATA_DIR}"), List.of(cfg + "/${EMPTY}d"), List.of(cfg + "/../outside")),
                List.of(List.of("${UNSET}"), List.of(), List.of(""), List.of(":5"), List.of(cfg + "/n\u0000ul"),
                        List.of(sandbox.outside.resolve("victim.txt").toString()), List.of(cfg + "/a", cfg + "/a"),
                        List.of(cfg + "/a", cfg + "/a/b"), List.of(cfg + "/x:99999999999"), List.of(cfg + "/y:abc"),
                        List.of(cfg + "/" + "z".repeat(300)), Arrays.asList((Object) null), 42, "notalist", Map.of("a", 1)));
        return section("file", Map.of(
                "dirs", dirs,
                "filePermissions", mostly(List.of("rw-r-----", "0640"), List.of("0999", "rwxrwxrwx", "x", 644, "", "${UNSET}")),
                "filesystems", mostly(List.of(List.of(Map.of("id", "nfs", "mountpoint", sandbox.root.toString()))),
                        List.of(List.of(Map.of("id", "", "mountpoint", "/x")), List.of(Map.of("id", "a", "mountpoint", "relative")),
                                List.of(Map.of()), List.of(Map.of("id", "a", "mountpoint", "/a"), Map.of("id", "a", "mountpoint", "/b")),
                                "none")),
                "bufferSize", mostly(List.of(4096, 65536), List.of(1, -1, Integer.MAX_VALUE, 67_108_865, "big", 1.5))), true);
    }

    private Arbitrary<Map<String, Object>> httpStore() {
        return section("http", Map.ofEntries(
                Map.entry("maxRedirects", mostly(List.of(0, 5), List.of(21, -1, "five"))),
                Map.entry("connectTimeoutMillis", mostly(List.of(1, 1000), List.of(0, 3_600_001, Long.MAX_VALUE))),
                Map.entry("readTimeoutMillis", mostly(List.of(1, 1000), List.of(-5, "1s"))),
                Map.entry("retries", mostly(List.of(0, 3), List.of(101, -1))),
                Map.entry("retryBackoffMillis", mostly(List.of(0, 100), List.of(-1))),
                Map.entry("maxRetryBackoffMillis", mostly(List.of(5000, 60_000), List.of(0, 10))),
                Map.entry("maxConnections", mostly(List.of(1, 64), List.of(10_001, 0))),
                Map.entry("caFile", mostly(List.of(), List.of(sandbox.outside.resolve("victim.txt").toString(), "/nonexistent/ca.pem",
                        "", sandbox.outside.resolve("missing.pem").toString()))),
                Map.entry("tlsInsecure", mostly(List.of(true, false), List.of("yes"))),
                Map.entry("username", mostly(List.of("user"), List.of("", "u:x", "u\nx", "${UNSET}"))),
                Map.entry("password", mostly(List.of("${S3_SECRET}", "p"), List.of("\u0000"))),
                Map.entry("allowedHosts", mostly(List.of(List.of("127.0.0.1"), List.of("*.example.com"), List.of("10.0.0.0/8"),
                        List.of("[::1]:80")), List.of(List.of("::1/129"), List.of(""), List.of("h:99999"), "127.0.0.1"))),
                Map.entry("deniedHosts", mostly(List.of(List.of("127.0.0.2")), List.of(List.of("999.1.1.1"), List.of("a..b")))),
                Map.entry("allowLinkLocal", mostly(List.of(true, false), List.of(1)))), true);
    }

    /**
     * An s3 section always names an endpoint (the loopback S3Proxy, or one refused while the config
     * is read) and both keys, and addresses buckets in the path: no SDK client may look for AWS,
     * its metadata service or a bucket's DNS name.
     */
    private Arbitrary<Map<String, Object>> s3Store() {
        Arbitrary<Object> endpoint = mostly(List.of(sandbox.s3.endpoint()), List.of("not a uri", "ftp://127.0.0.1:21",
                "http://user:pw@127.0.0.1:1", "http://[::1", "", "http://127.0.0.1:" + sandbox.s3.proxy().getPort() + "/path?x=1"));
        Arbitrary<Object> keys = mostly(
                List.of(List.of(HostileInputSandbox.ACCESS_KEY, "${S3_SECRET}")),
                List.of(List.of(HostileInputSandbox.ACCESS_KEY, "wrong/" + HostileInputSandbox.SECRET_KEY),
                        List.of(HostileInputSandbox.ACCESS_KEY, "${UNSET}"), List.of("", ""), List.of(HostileInputSandbox.ACCESS_KEY, 42)));
        Arbitrary<Map<String, Object>> optional = section("s3", Map.ofEntries(
                Map.entry("bucket", mostly(List.of("images", "newbucket"), List.of("UPPER", "a", "../x", "x".repeat(70), ""))),
                Map.entry("prefix", mostly(List.of("glance", "a/b"), List.of("../up", "", "/lead", "trail/", "%2e%2e"))),
                Map.entry("region", mostly(List.of("us-east-1", "mars-1"), List.of("", "US EAST"))),
                Map.entry("createBucket", mostly(List.of(true, false), List.of("maybe"))),
                Map.entry("multipartThreshold", mostly(List.of(0L, 1L << 20), List.of(-1L, 1L << 40))),
                Map.entry("partSize", mostly(List.of(5L << 20), List.of(1L, 1L << 31))),
                Map.entry("uploadConcurrency", mostly(List.of(1, 64), List.of(65, 0))),
                Map.entry("maxConnections", mostly(List.of(100), List.of(1, 1001))),
                Map.entry("checksumMode", mostly(List.of("sdk-default", "when-required"), List.of("always", ""))),
                Map.entry("conditionalWrites", mostly(List.of(true, false), List.of("no"))),
                Map.entry("connectTimeout", mostly(List.of("2s", "PT2S"), List.of("-1s", "forever", 10))),
                Map.entry("readTimeout", mostly(List.of("5s"), List.of("0s", "1h1h"))),
                Map.entry("retries", mostly(List.of(0, 1), List.of(-1, 1000)))), false);
        return Combinators.combine(optional, endpoint, keys).as((section, url, pair) -> {
            Map<String, Object> complete = new LinkedHashMap<>(section);
            complete.put("endpoint", url);
            complete.put("pathStyle", true);
            complete.put("accessKey", ((List<?>) pair).get(0));
            complete.put("secretKey", ((List<?>) pair).get(1));
            complete.putIfAbsent("bucket", "images");
            return complete;
        });
    }

    private Arbitrary<Map<String, Object>> memoryStore() {
        return section("memory", Map.of(
                "namespace", mostly(List.of("ns", "images-2"), List.of("UPPER", "", "a..b", "x".repeat(70), "-x")),
                "capabilities", mostly(List.of(List.of("READ"), List.of("READ", "WRITE", "DELETE", "RANGE_READ")),
                        List.of(List.of("FLY"), Arrays.asList((Object) null), "READ", List.of()))), true);
    }

    /** Three times in four one of the {@code good} values (when there are any), else one of the {@code hostile} ones. */
    private static Arbitrary<Object> mostly(List<?> good, List<?> hostile) {
        Arbitrary<Object> bad = Arbitraries.of(new ArrayList<Object>(hostile));
        return good.isEmpty() ? bad : Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(new ArrayList<Object>(good))), Tuple.of(1, bad));
    }

    /** A section of no known shape: unknown or missing types, types that are not text, lists instead of maps. */
    private Arbitrary<Map<String, Object>> oddStore() {
        return Arbitraries.of(Map.of("type", "unknown"), Map.of("type", ""), Map.of(), Map.of("type", 42),
                Map.of("type", List.of("file")), Map.of("type", "FILE", "dirs", List.of(sandbox.cfg + "/odd")),
                Map.of("type", "file", "type2", "x"), Map.of("typ", "file"), Map.of("type", "${UNSET}"),
                Map.of("type", "memory", "namespace", Map.of("nested", Map.of("deeper", List.of(1, 2, 3)))));
    }

    /**
     * A store section of {@code type} with a random subset of its keys ({@code dirs}, which a file
     * store needs, nearly always) and, when {@code oddKeys}, sometimes a stray one.
     */
    private static Arbitrary<Map<String, Object>> section(String type, Map<String, Arbitrary<?>> keys, boolean oddKeys) {
        List<String> names = new ArrayList<>(keys.keySet());
        names.sort(null);
        List<Arbitrary<Object>> values = new ArrayList<>();
        for (String name : names) {
            values.add(keys.get(name).map(value -> (Object) value).injectNull(name.equals("dirs") ? 0.02 : 0.7));
        }
        Arbitrary<String> stray = oddKeys ? Arbitraries.of("Dirs", "password2", "${X}", "a.b").injectNull(0.9).map(
                key -> key == null ? "" : key) : Arbitraries.just("");
        return Combinators.combine(Combinators.combine(values).as(chosen -> chosen), stray).as((chosen, strayKey) -> {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("type", type);
            for (int i = 0; i < names.size(); i++) {
                if (chosen.get(i) != null) {
                    section.put(names.get(i), chosen.get(i));
                }
            }
            if (!strayKey.isEmpty()) {
                section.put(strayKey, "stray");
            }
            return section;
        });
    }

    private Arbitrary<Map<String, Object>> directDownload() {
        Arbitrary<Object> allowed = Arbitraries.of(List.of("file"), List.of("file", "http", "https"), List.of("FILE", ""),
                List.of("s3"), List.of("gopher"), "file", List.of());
        Arbitrary<Object> handlers = Arbitraries.of(
                Map.of("file", Map.of("filesystems", List.of(Map.of("id", "nfs", "mountpoint", sandbox.root.toString())))),
                Map.of("file", Map.of("filesystems", List.of(Map.of("id", "nfs", "mountpoint", "relative")))),
                Map.of("file", Map.of("unknown", 1)),
                Map.of("http", Map.of("maxRedirects", 2)),
                Map.of("http", Map.of("maxRedirects", -2)),
                Map.of("s3", Map.of("endpoint", sandbox.s3.endpoint(), "pathStyle", true, "accessKey",
                        HostileInputSandbox.ACCESS_KEY, "secretKey", "${S3_SECRET}", "buckets", List.of("images"))),
                Map.of("s3", Map.of("endpoint", "not a uri", "accessKey", "a", "secretKey", "b")),
                Map.of("gopher", Map.of()),
                "handlers");
        return Combinators.combine(allowed.injectNull(0.2), handlers.injectNull(0.2)).as((schemes, byScheme) -> {
            Map<String, Object> section = new LinkedHashMap<>();
            if (schemes != null) {
                // An allowed s3 scheme without a handler config gets the SDK's defaults, which look for AWS (its
                // region, its metadata service): allowed only with the loopback handler config.
                boolean loopbackS3 = byScheme instanceof Map<?, ?> map && map.get("s3") instanceof Map<?, ?> s3
                        && sandbox.s3.endpoint().equals(s3.get("endpoint"));
                section.put("allowed-schemes", schemes.toString().toLowerCase(java.util.Locale.ROOT).contains("s3")
                        && !loopbackS3 ? List.of("file") : schemes);
            }
            if (byScheme != null) {
                section.put("handlers", byScheme);
            }
            return section;
        });
    }

    /** Text damage: cut, a character inserted, a line doubled or dropped, tabs, a BOM, an alias bomb; or none. */
    private static Arbitrary<Function<String, String>> mutations() {
        Arbitrary<Integer> where = Arbitraries.integers().between(0, 10_000);
        Arbitrary<String> inserted = Arbitraries.of(":", "{", "}", "[", "]", "\"", "'", "\t", "\n", "\u0000", "&a", "*a", "!!binary",
                "!!java.lang.Runtime", "? ", "- ", "%", "\\u0000", "#", "${", "\ufeff", "é", ",");
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(Function.identity())),
                Tuple.of(2, Combinators.combine(where, inserted).as((at, text) -> (Function<String, String>) doc -> {
                    int position = at % (doc.length() + 1);
                    return doc.substring(0, position) + text + doc.substring(position);
                })),
                Tuple.of(1, where.map(at -> (Function<String, String>) doc -> doc.substring(0, at % (doc.length() + 1)))),
                Tuple.of(1, where.map(at -> (Function<String, String>) doc -> {
                    List<String> lines = new ArrayList<>(doc.lines().toList());
                    if (!lines.isEmpty()) {
                        int line = at % lines.size();
                        if (at % 2 == 0) {
                            lines.add(line, lines.get(line));
                        } else {
                            lines.remove(line);
                        }
                    }
                    return String.join("\n", lines);
                })));
    }

    private static String render(Map<String, Object> document, String format) {
        try {
            return format.equals("json") ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document)
                    : YAML.writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render a generated document", e);
        }
    }

    // ---------------------------------------------------------------- documents no parser should choke on

    @Example
    void pathologicalDocumentsAreConfigurationErrors() throws Exception {
        String aliasBomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                + "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                + "stores: { local: { type: file, dirs: *f } }\n";
        List<String> documents = List.of(
                aliasBomb,
                "[".repeat(100_000),
                "stores:" + " {a:".repeat(20_000),
                "stores: !!java.net.URL [\"http://127.0.0.1:1/\"]",
                "stores: { local: !!javax.script.ScriptEngineManager [] }",
                "\ufeffstores: {}",
                "stores:\n\tlocal: {type: file}",
                "stores: { local: { type: file, dirs: [\"" + "${DATA_DIR}".repeat(10_000) + "\"] } }",
                "stores: { local: { type: file, dirs: [\"" + sandbox.cfg + "/ok\"], dirs: [\"/twice\"] } }",
                "x".repeat(2_000_000),
                "\u0000");
        for (String document : documents) {
            String outcome = withinTimeLimit(() -> {
                try {
                    StowageConfig config = StowageConfig.parse(document, environment);
                    try (StoreRegistry stores = StoreRegistry.build(config)) {
                        return "built";
                    }
                } catch (InvalidConfigurationException refused) {
                    return "refused";
                } catch (StoreException other) {
                    return "UNDOCUMENTED " + other;
                }
            }, document);
            assertThat(outcome).as("%s...", document.substring(0, Math.min(60, document.length()))).isEqualTo("refused");
        }
    }

    /** Runs {@code work} on another thread; anything but a {@link InvalidConfigurationException} or a hang fails the try. */
    private static String withinTimeLimit(java.util.concurrent.Callable<String> work, String document) throws Exception {
        Future<String> future = caller.submit(work);
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("reading a config hung: " + document, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("reading a config raised " + e.getCause() + " instead of a InvalidConfigurationException: "
                    + document, e.getCause());
        }
    }
}
