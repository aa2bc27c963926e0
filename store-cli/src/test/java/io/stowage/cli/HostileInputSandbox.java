package io.stowage.cli;

import io.stowage.AddOptions;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.StoreException;
import io.stowage.core.StoreRegistry;
import io.stowage.core.config.StowageConfig;
import io.stowage.tck.source.Payload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the hostile-input properties attack: a registry of every backend on the command's
 * classpath (a file store, a memory store, an http store allowed to reach one loopback Jetty
 * only, an s3 store on a loopback S3Proxy), built from a config document, with a temp dir that
 * holds things worth stealing or breaking:
 *
 * <pre>
 * root/data/qq-sentinel        an object of the file store
 * root/data/escape -> ../outside/victim.txt     a symlink out of the data dir, named like an id
 * root/data/dirlink -> ../outside                a symlinked dir
 * root/outside/victim.txt      a file outside every store
 * root/outside/fifo            a named pipe: opening it for reading would block, so a store that
 *                              only tried to read it would hang the test
 * root/www/page.txt            what Jetty serves
 * root/cfg/                    where generated configs may create data dirs
 * </pre>
 *
 * The memory and s3 stores each hold {@code qq-sentinel} too. Generated ids and paths never
 * contain a {@code q}, so nothing they name may legitimately be changed: {@link #snapshot} must
 * not change whatever they do.
 */
final class HostileInputSandbox implements AutoCloseable {
    static final String SENTINEL = "qq-sentinel";
    static final String ACCESS_KEY = "AKHOSTILE0000000001";
    static final String SECRET_KEY = "hostile/secret+key";

    final Path root;
    final Path data;
    final Path outside;
    final Path cfg;
    final Payload sentinel = Payload.of(64 * 1024 + 3, 17);
    final LoopbackServers.Web web;
    final LoopbackServers.S3 s3;
    final StoreRegistry stores;
    final Map<String, Location> sentinels = new TreeMap<>();

    HostileInputSandbox() throws Exception {
        root = Files.createTempDirectory("stowage-hostile").toRealPath();
        data = Files.createDirectories(root.resolve("data"));
        outside = Files.createDirectories(root.resolve("outside"));
        cfg = Files.createDirectories(root.resolve("cfg"));
        Path www = Files.createDirectories(root.resolve("www"));
        Files.writeString(outside.resolve("victim.txt"), "root:x:0:0:the victim\n");
        Process mkfifo = new ProcessBuilder("mkfifo", outside.resolve("fifo").toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IllegalStateException("mkfifo failed");
        }
        Files.createSymbolicLink(data.resolve("escape"), Path.of("../outside/victim.txt"));
        Files.createSymbolicLink(data.resolve("dirlink"), Path.of("../outside"));
        Files.write(www.resolve("page.txt"), sentinel.bytes());
        web = LoopbackServers.web(www, Optional.empty(), Optional.empty());
        s3 = LoopbackServers.s3(ACCESS_KEY, SECRET_KEY);
        stores = StoreRegistry.build(StowageConfig.parse(registryConfig(), name -> null));
        for (String store : new String[] {"local", "mem", "images"}) {
            sentinels.put(store, stores.add(store, ObjectId.of(SENTINEL), sentinel.open(),
                    AddOptions.builder().expectedSize(sentinel.size()).build()).location());
        }
        sentinels.put("web", Location.parse(web.url("/page.txt")));
    }

    /** The registry: four stores, the file store the default. */
    String registryConfig() {
        return "default: local\n"
                + "stores:\n"
                + "  local: { type: file, dirs: [" + TestConfigs.quote(data) + "] }\n"
                + "  mem: { type: memory }\n"
                + "  web: { type: http, allowedHosts: [\"127.0.0.1:" + web.port() + "\"], retries: 0,"
                + " connectTimeoutMillis: 2000, readTimeoutMillis: 5000 }\n"
                + "  images: { type: s3, bucket: images, createBucket: true, endpoint: \"" + s3.endpoint() + "\","
                + " pathStyle: true, accessKey: \"" + ACCESS_KEY + "\", secretKey: \"" + SECRET_KEY + "\", retries: 0,"
                + " connectTimeout: 2s, readTimeout: 5s }\n";
    }

    /**
     * Every entry under the root, not following links: its kind, size and modification time
     * ({@code cfg/} left out: configs may create data dirs there).
     */
    Map<String, String> snapshot() {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
                if (path.startsWith(cfg)) {
                    entries.put("cfg", "dir (contents left out)");
                    continue;
                }
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                entries.put(root.relativize(path).toString(), (attributes.isDirectory() ? "dir" : attributes.isSymbolicLink()
                        ? "link" : attributes.isRegularFile() ? "file" : "other") + " " + attributes.size() + " "
                        + attributes.lastModifiedTime().toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    @Override
    public void close() throws Exception {
        try (AutoCloseable closingWeb = web; AutoCloseable closingS3 = s3; StoreRegistry closingStores = stores) {
            for (Map.Entry<String, Location> sentinel : sentinels.entrySet()) {
                if (!sentinel.getKey().equals("web")) {
                    try {
                        stores.delete(sentinel.getValue());
                    } catch (StoreException e) {
                        // reported by the test that checks the sentinels
                    }
                }
            }
        } finally {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
