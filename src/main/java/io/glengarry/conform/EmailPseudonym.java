package io.glengarry.conform;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.encode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.unhex;
import static org.apache.spark.sql.functions.when;

/**
 * HMAC-SHA256 of the normalised email (lower, trimmed), hex, built from Spark's own sha2 (RFC 2104:
 * H((K xor opad) || H((K xor ipad) || m))) so no UDF hides it from the optimizer. The key never leaves the driver
 * except inside the two padded literals.
 */
public final class EmailPseudonym {
    private static final int BLOCK = 64;

    private EmailPseudonym() {
    }

    /**
     * The column of a current leads table naming the key that hashed its e-mails (the first 16 characters of the
     * key's fingerprint, in every row - so the table's Delta statistics say it without a Spark job): a table
     * hashed with another key is rebuilt (CurrentTables).
     */
    public static final String KEY_ID = "email_key_id";

    /**
     * Leads as they may be kept past bronze (the current-state boundary): the delivered address replaced by its
     * keyed hash ({@code email_hash}) and its domain ({@code email_domain}), with the key's id ({@link #KEY_ID}).
     */
    public static Dataset<Row> pseudonymised(Dataset<Row> leads, byte[] key) {
        return leads.withColumn("email_hash", hmac(col("email"), key))
                .withColumn("email_domain", LeadAccount.emailDomain(col("email")))
                .withColumn(KEY_ID, lit(keyId(key)))
                .drop("email");
    }

    /** The key's id as {@link #KEY_ID} holds it. */
    public static String keyId(byte[] key) {
        return keyFingerprint(key).substring(0, 16);
    }

    public static Column hmac(Column email, byte[] key) {
        byte[] k = key.length > BLOCK ? sha256(key) : key;
        byte[] inner = new byte[BLOCK];
        byte[] outer = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            inner[i] = (byte) (b ^ 0x36);
            outer[i] = (byte) (b ^ 0x5c);
        }
        Column normalised = lower(trim(email));
        Column innerHash = unhex(sha2(concat(lit(inner), encode(normalised, "UTF-8")), 256));
        return when(normalised.isNotNull().and(normalised.notEqual("")), sha2(concat(lit(outer), innerHash), 256));
    }

    /** The key from the environment; in the local profile a fixed development key when it is not set. */
    public static byte[] key(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A keyed fingerprint of the key itself (HMAC-SHA256 of a fixed text), recorded with the tables whose rows it
     * hashes so that a new key rewrites them; it reveals neither the key nor any email.
     */
    public static String keyFingerprint(byte[] key) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(
                    "glengarry: which key hashed these emails".getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
