package io.des.enrich;

import io.des.model.ContactRecord;
import io.des.model.FieldCatalog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The normalised identity of one provider lookup: the provider, the fields asked for and the
 * contact attributes sent. Two lookups with equal keys get the same answer from the provider, so
 * the {@link LookupCache} may answer the second from the first.
 *
 * <p>Normalisation only removes what the provider cannot see: the order of the contact's attributes
 * and of the requested fields, and repeated field names. Values are compared exactly as they are
 * sent (ingest has already trimmed them and normalised the attribute names): a provider may treat
 * "ADA" and "Ada" differently, and a cache must never answer one request with another's answer.
 *
 * <p>The inputs are held as a SHA-256 digest (43 characters) rather than as text: the cache keeps up
 * to {@code cache.max-entries} keys on the heap and writes them all at every checkpoint, and
 * contacts can be long. A collision would need 2^128 lookups.
 */
public final class LookupKey {

    private final String value;

    private LookupKey(String value) {
        this.value = value;
    }

    /**
     * The key of asking {@code providerName} for {@code fields} of {@code record}'s contact.
     *
     * @param fields the fields actually requested from this provider (a waterfall may ask a later
     *     provider for fewer fields than the record wants)
     */
    public static LookupKey of(String providerName, ContactRecord record, Collection<String> fields) {
        Objects.requireNonNull(providerName, "providerName");
        return new LookupKey(providerName + '/' + inputsDigest(record.contact, fields));
    }

    /** Rebuilds a key from its {@link #toString()} form, as stored in checkpoints. */
    static LookupKey parse(String value) {
        return new LookupKey(Objects.requireNonNull(value, "value"));
    }

    /**
     * Digest of a lookup's inputs, independent of the provider: records with equal digests are
     * duplicates of each other for every provider. Used to partition records so that duplicates
     * meet on the same parallel instance of the cache.
     */
    public static String inputsDigest(Map<String, String> contact, Collection<String> fields) {
        MessageDigest sha256 = sha256();
        Collection<String> sortedFields = fields == null ? new TreeSet<>() : new TreeSet<>(fields);
        Map<String, String> sortedContact = contact == null ? new TreeMap<>() : new TreeMap<>(FieldCatalog.lookupAttributes(contact));
        update(sha256, Integer.toString(sortedFields.size()));
        sortedFields.forEach(field -> update(sha256, field));
        update(sha256, Integer.toString(sortedContact.size()));
        sortedContact.forEach((name, value) -> {
            update(sha256, name);
            update(sha256, value);
        });
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
    }

    /** Length-prefixed, so that no two different sequences of strings feed the same bytes. */
    private static void update(MessageDigest digest, String text) {
        if (text == null) {
            digest.update(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(new byte[] {
            (byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length});
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LookupKey && value.equals(((LookupKey) o).value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** {@code <provider>/<inputs digest>}. */
    @Override
    public String toString() {
        return value;
    }
}
