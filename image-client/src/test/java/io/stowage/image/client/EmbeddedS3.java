package io.stowage.image.client;

import java.net.URI;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3 server in the test JVM: S3Proxy 4.1 on 127.0.0.1 and an ephemeral port, in memory, with
 * random keys that appear only in the configs the test writes.
 */
final class EmbeddedS3 implements AutoCloseable {
    final String accessKey = "AKCLIENT" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final String secretKey = "client/" + UUID.randomUUID();
    private final S3Proxy proxy;

    EmbeddedS3() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                .stopTimeout(0)
                .build();
        proxy.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** The settings an s3 store or download handler needs to reach this server, as YAML flow-mapping entries. */
    String settings() {
        return "endpoint: \"" + endpoint() + "\", pathStyle: true, accessKey: \"" + accessKey + "\", secretKey: \""
                + secretKey + "\"";
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
