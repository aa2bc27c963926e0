package io.stowage.s3;

import java.net.URI;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;

/** MinIO in a container started through Testcontainers; used when a Docker engine is available. */
final class MinioTestServer implements S3TestServer {
    static final String IMAGE = "minio/minio:RELEASE.2025-09-07T16-13-09Z";
    static final String BUCKET = "stowage-test";

    private final MinIOContainer container;

    private MinioTestServer(MinIOContainer container) {
        this.container = container;
    }

    /**
     * Whether a Docker engine answers. Testcontainers is only asked when there is a sign of one
     * ({@code DOCKER_HOST}, a Docker socket, a Testcontainers config), so that a machine
     * without Docker does not log its failed probe.
     */
    static boolean dockerAvailable() {
        String home = System.getProperty("user.home");
        boolean hint = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(home, ".docker", "run", "docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(home, ".testcontainers.properties"));
        if (!hint) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static MinioTestServer start() {
        MinIOContainer container = new MinIOContainer(IMAGE);
        container.start();
        MinioTestServer server = new MinioTestServer(container);
        try {
            S3TestServers.createBucket(server, BUCKET);
        } catch (RuntimeException e) {
            container.stop();
            throw e;
        }
        return server;
    }

    @Override
    public String description() {
        return "MinIO " + IMAGE + " (Testcontainers) at " + endpoint();
    }

    @Override
    public URI endpoint() {
        return URI.create(container.getS3URL());
    }

    @Override
    public String accessKey() {
        return container.getUserName();
    }

    @Override
    public String secretKey() {
        return container.getPassword();
    }

    @Override
    public String region() {
        return "us-east-1";
    }

    @Override
    public boolean pathStyle() {
        return true;
    }

    @Override
    public String bucket() {
        return BUCKET;
    }

    @Override
    public boolean canCreateBuckets() {
        return true;
    }

    @Override
    public void close() {
        container.stop();
    }
}
