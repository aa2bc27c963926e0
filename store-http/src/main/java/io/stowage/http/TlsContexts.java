package io.stowage.http;

import io.stowage.InvalidConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The TLS trust of an HTTP store: the JDK's trusted CAs, the CAs of a PEM file, or (only on request) none. */
final class TlsContexts {
    private TlsContexts() {}

    /** Verifying against the JDK's default trust store. */
    static SSLContext jdkDefault(String subject) throws InvalidConfigurationException {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new InvalidConfigurationException("Cannot set up TLS for " + subject + ": " + e.getMessage(), e);
        }
    }

    /** Verifying against the certificates in a PEM (or DER) file, and only those. */
    static SSLContext trusting(Path caFile, String subject) throws InvalidConfigurationException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(caFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new InvalidConfigurationException("Invalid configuration of " + subject + ", key 'caFile': cannot read "
                    + caFile + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new InvalidConfigurationException("Invalid configuration of " + subject + ", key 'caFile': " + caFile
                    + " holds no readable X.509 certificate", e);
        }
        if (certificates.isEmpty()) {
            throw new InvalidConfigurationException("Invalid configuration of " + subject + ", key 'caFile': " + caFile
                    + " holds no certificate");
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new InvalidConfigurationException("Cannot set up TLS for " + subject + " with caFile " + caFile + ": "
                    + e.getMessage(), e);
        }
    }

    /** Accepting any certificate: only for {@code tlsInsecure: true}. */
    static SSLContext insecure(String subject) throws InvalidConfigurationException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustingEveryone()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new InvalidConfigurationException("Cannot set up TLS for " + subject + ": " + e.getMessage(), e);
        }
    }

    /** The trust manager of {@code tlsInsecure}: no certificate or host name check at all. */
    private static final class TrustingEveryone extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
