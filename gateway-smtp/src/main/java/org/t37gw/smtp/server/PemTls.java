package org.t37gw.smtp.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Builds the STARTTLS context from PEM files ({@code mta receive tls certificate FILE key FILE}): a
 * certificate chain (one or more {@code CERTIFICATE} blocks, leaf first) and an unencrypted PKCS#8
 * {@code PRIVATE KEY} (RSA, EC or Ed25519; {@code openssl genpkey} and OpenSSL 3 {@code req -nodes}
 * write this form).
 */
public final class PemTls {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

    private PemTls() {
    }

    /**
     * @throws IOException naming the file when a file is missing or holds no usable block
     */
    public static SSLContext context(Path certificateFile, Path keyFile) throws IOException {
        List<Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks(certificateFile, "CERTIFICATE")) {
                chain.add(cf.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(certificateFile + ": not a certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException(certificateFile + ": no -----BEGIN CERTIFICATE----- block");
        }
        List<byte[]> keys = blocks(keyFile, "PRIVATE KEY");
        if (keys.size() != 1) {
            throw new IOException(keyFile + ": expected one -----BEGIN PRIVATE KEY----- (PKCS#8) block"
                    + (Files.readString(keyFile, StandardCharsets.US_ASCII).contains("RSA PRIVATE KEY")
                    ? "; convert with: openssl pkcs8 -topk8 -nocrypt" : ""));
        }
        PrivateKey key = privateKey(keys.get(0), keyFile);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = new char[0];
            ks.setKeyEntry("smtp", key, pw, chain.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException(certificateFile + ", " + keyFile + ": key and certificate unusable: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(byte[] der, Path file) throws IOException {
        for (String alg : List.of("RSA", "EC", "Ed25519", "EdDSA")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IOException(file + ": private key is not RSA, EC or Ed25519 PKCS#8");
    }

    private static List<byte[]> blocks(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<byte[]> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                out.add(Base64.getMimeDecoder().decode(m.group(2)));
            }
        }
        return out;
    }
}
