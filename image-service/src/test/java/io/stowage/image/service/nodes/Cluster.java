package io.stowage.image.service.nodes;

import io.stowage.image.service.Http;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Image-service nodes as separate processes on one PostgreSQL database and one S3Proxy bucket,
 * as a deployment of several nodes runs them: the S3 keys reach the nodes through their
 * environment, never a file. Locations are shown ({@code show-direct-url}), so that tests can tell
 * which S3 object an image holds.
 */
public final class Cluster implements AutoCloseable {
    private final Path dir;
    private final PostgresServer postgres;
    private final String database;
    private final S3ProxyServer s3;
    private final String lease;
    private final String images;
    private final Map<String, String> environment;
    private final List<NodeProcess> nodes = new ArrayList<>();

    public Cluster(Path dir, PostgresServer postgres, S3ProxyServer s3, String lease) {
        this(dir, postgres, s3, lease, "", Map.of());
    }

    /**
     * @param images more lines of each node's {@code images} section (auth, quota), indented by two spaces
     * @param environment more of each node's environment (the secrets those lines name)
     */
    public Cluster(Path dir, PostgresServer postgres, S3ProxyServer s3, String lease, String images,
            Map<String, String> environment) {
        this.dir = dir;
        this.postgres = postgres;
        this.database = postgres.createDatabase();
        this.s3 = s3;
        this.lease = lease;
        this.images = images;
        this.environment = Map.copyOf(environment);
    }

    /** Starts one more node; nodes are numbered from 0 in start order. */
    public NodeProcess startNode() {
        Map<String, String> secrets = new java.util.HashMap<>(environment);
        secrets.put("S3_ACCESS_KEY", s3.accessKey());
        secrets.put("S3_SECRET_KEY", s3.secretKey());
        NodeProcess node = NodeProcess.start(dir, "node-" + nodes.size(), config(), secrets);
        nodes.add(node);
        return node;
    }

    private String config() {
        return s3.storesConfig() + """
                images:
                  listen: "127.0.0.1:0"
                  registry: "%s"
                  registry-user: %s
                  upload-lease: %s
                  show-direct-url: true
                  idle-timeout: 30s
                """.formatted(database, postgres.user(), lease) + images;
    }

    public static Http http(NodeProcess node) {
        return new Http(node::uri, Optional.empty());
    }

    public String database() {
        return database;
    }

    @Override
    public void close() {
        for (NodeProcess node : nodes) {
            node.close();
        }
    }
}
