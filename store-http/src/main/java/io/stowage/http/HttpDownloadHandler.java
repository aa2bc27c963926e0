package io.stowage.http;

import static java.util.Objects.requireNonNull;

import io.stowage.ByteRange;
import io.stowage.Location;
import io.stowage.ObjectStream;
import io.stowage.StoreException;
import io.stowage.download.DownloadHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The {@code http}/{@code https} direct-download handler: copies the object at a URL into the
 * target file, with the store's safety rules (host rules on the URL and every redirect, TLS
 * verification, truncation detection and resumption).
 */
final class HttpDownloadHandler implements DownloadHandler {
    private static final int COPY_BUFFER = 256 * 1024;

    private final HttpObjectReader reader;

    HttpDownloadHandler(HttpStoreConfig config) throws StoreException {
        this.reader = new HttpObjectReader(requireNonNull(config, "config is null"), SystemDefaultDnsResolver.INSTANCE,
                "download handler 'http'");
    }

    @Override
    public void download(Location location, Path target) throws IOException {
        requireNonNull(location, "location is null");
        requireNonNull(target, "target is null");
        HttpStore.requireAllowed(reader.rules(), location, "the http download handler");
        try (ObjectStream in = reader.read(location, ByteRange.ALL);
                OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[COPY_BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (StoreException e) {
            throw e;
        } catch (IOException e) {
            // an interruptible target channel closes on an interrupt (ClosedByInterruptException)
            if (Interruption.pending()) {
                throw Interruption.interrupted("downloading " + location, e);
            }
            throw e;
        }
    }

    /** Connections held by downloads in progress. */
    int leasedConnections() {
        return reader.leasedConnections();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
