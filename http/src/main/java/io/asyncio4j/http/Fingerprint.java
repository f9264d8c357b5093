package io.asyncio4j.http;

import io.asyncio4j.net.Transport;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * aiohttp's {@code Fingerprint}: pins an https server to one certificate by the SHA-256 digest of its DER
 * encoding. Given to {@link RequestOptions.Builder#ssl(Fingerprint)} or {@link TCPConnector.Builder#ssl(Fingerprint)}
 * (aiohttp's {@code ssl=Fingerprint(digest)}), it replaces verification by certificate authorities and host name:
 * the server's chain is not checked, but the leaf certificate it presents must have this digest, else the
 * connection is closed and the request fails with {@link ServerFingerprintMismatch}.
 *
 * <p>Immutable and thread-safe; equal when the digests are equal (connections are pooled per fingerprint).
 */
public final class Fingerprint {
    private static final HexFormat HEX = HexFormat.of();
    private final byte[] digest;

    /**
     * A fingerprint of the certificate whose DER encoding has the digest {@code sha256}; the array is copied.
     *
     * @param sha256 the SHA-256 digest (32 bytes) of the expected certificate's DER encoding
     * @throws IllegalArgumentException for an MD5 or SHA-1 length digest (16 or 20 bytes: insecure, refused as
     *                                  aiohttp does) or any other length but 32
     * @throws NullPointerException if {@code sha256} is null
     */
    public Fingerprint(byte[] sha256) {
        Objects.requireNonNull(sha256, "fingerprint is null");
        if (sha256.length == 16 || sha256.length == 20) {
            throw new IllegalArgumentException("md5 and sha1 are insecure and not supported. Use sha256.");
        }
        if (sha256.length != 32) {
            throw new IllegalArgumentException("fingerprint has invalid length: " + sha256.length
                    + " bytes, a sha256 digest has 32");
        }
        this.digest = sha256.clone();
    }

    /**
     * The fingerprint of {@code certificate}: the SHA-256 digest of its DER encoding.
     *
     * @param certificate the certificate to pin
     * @return its fingerprint
     * @throws IllegalStateException if the certificate cannot be encoded
     */
    public static Fingerprint of(Certificate certificate) {
        return new Fingerprint(digest(certificate));
    }

    /** {@return the SHA-256 digest (a copy)} */
    public byte[] fingerprint() {
        return digest.clone();
    }

    /**
     * Checks the peer certificate of a TLS {@code transport}; on a mismatch closes the transport and throws
     * {@link ServerFingerprintMismatch} naming {@code host} and {@code port}.
     */
    void check(Transport transport, String host, int port) {
        Object cert = transport.getExtraInfo("peercert");
        byte[] got = cert instanceof Certificate c ? digest(c) : new byte[0];
        if (!MessageDigest.isEqual(got, digest)) {
            transport.close();
            throw new ServerFingerprintMismatch(digest.clone(), got, host, port);
        }
    }

    private static byte[] digest(Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot digest the certificate: " + e.getMessage(), e);
        }
    }

    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && Arrays.equals(digest, f.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "<Fingerprint sha256=" + hex(digest) + ">";
    }
}
