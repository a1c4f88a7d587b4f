package io.des.enrich;

import io.des.model.ContactRecord;
import io.des.model.FieldCatalog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

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
        DigestInput input = DIGEST_INPUT.get();
        input.reset();
        String[] sortedFields = fields == null ? new String[0] : fields.toArray(new String[0]);
        Arrays.sort(sortedFields);
        int distinct = 0;
        for (int i = 0; i < sortedFields.length; i++) {
            if (i == 0 || !sortedFields[i].equals(sortedFields[i - 1])) {
                sortedFields[distinct++] = sortedFields[i];
            }
        }
        input.add(Integer.toString(distinct));
        for (int i = 0; i < distinct; i++) {
            input.add(sortedFields[i]);
        }
        Map<String, String> attributes = contact == null ? Map.of() : FieldCatalog.lookupAttributes(contact);
        String[] names = attributes.keySet().toArray(new String[0]);
        Arrays.sort(names);
        input.add(Integer.toString(names.length));
        for (String name : names) {
            input.add(name);
            input.add(attributes.get(name));
        }
        return digestText(input.digest());
    }

    /** The text form of a digest in a key: URL-safe Base64 without padding (43 characters for SHA-256). */
    static String digestText(byte[] digest) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /**
     * The digest's input, built in one reused buffer per thread and hashed in one call: this runs
     * for every record, on the task thread (see {@code docs/benchmarks.md}, issue 14).
     */
    private static final ThreadLocal<DigestInput> DIGEST_INPUT = ThreadLocal.withInitial(DigestInput::new);

    private static final class DigestInput {
        private final MessageDigest sha256 = sha256();
        private byte[] buffer = new byte[512];
        private int length;

        void reset() {
            length = 0;
        }

        /** Length-prefixed, so that no two different sequences of strings feed the same bytes. */
        void add(String text) {
            if (text == null) {
                ensure(4);
                for (int i = 0; i < 4; i++) {
                    buffer[length++] = (byte) 0xff;
                }
                return;
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ensure(4 + bytes.length);
            buffer[length++] = (byte) (bytes.length >>> 24);
            buffer[length++] = (byte) (bytes.length >>> 16);
            buffer[length++] = (byte) (bytes.length >>> 8);
            buffer[length++] = (byte) bytes.length;
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }

        byte[] digest() {
            sha256.reset();
            sha256.update(buffer, 0, length);
            return sha256.digest();
        }

        private void ensure(int more) {
            if (length + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }
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
