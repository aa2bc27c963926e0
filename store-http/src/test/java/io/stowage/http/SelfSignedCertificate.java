package io.stowage.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate made at test time with the JDK's {@code keytool}: a PKCS#12
 * key store for the server and the certificate as PEM, to be configured as the client's CA file.
 */
record SelfSignedCertificate(Path keyStore, String password, Path certificatePem) {
    /** For {@code subjectAlternativeNames} such as {@code ip:127.0.0.1} or {@code dns:localhost}. */
    static SelfSignedCertificate create(Path dir, String name, String subjectAlternativeNames) throws Exception {
        Path keyStore = dir.resolve(name + ".p12");
        Path pem = dir.resolve(name + ".pem");
        String password = "test-" + name;
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=" + subjectAlternativeNames, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keyStore.toString(), "-storepass", password,
                "-file", pem.toString());
        return new SelfSignedCertificate(keyStore, password, pem);
    }

    private static void keytool(String... arguments) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("keytool", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError("keytool failed: " + Files.readString(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
