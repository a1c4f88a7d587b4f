package io.des.enrich;

import static io.des.enrich.TestContacts.contact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.des.model.TenantIds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LookupKeyTest {

    private static final List<String> FIELDS = List.of("professional_email", "job_title");

    @Test
    void theSameContactInAnotherEridAndAnotherOrderIsTheSameLookup() {
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("first_name", "Ada");
        ordered.put("last_name", "Lovelace");
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("last_name", "Lovelace");
        reversed.put("first_name", "Ada");

        LookupKey first = LookupKey.of("sandbox", contact(0, ordered, FIELDS), FIELDS);
        LookupKey second = LookupKey.of("sandbox", new io.des.model.ContactRecord(TenantIds.DEFAULT,
                "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d", 42, "2026-11-22", 50, FIELDS, reversed),
                List.of("job_title", "professional_email", "job_title"));

        assertEquals(first, second);
        assertEquals(first.toString(), LookupKey.parse(first.toString()).toString());
    }

    @Test
    void theSendersSourceKeyIsNoPartOfTheLookup() {
        Map<String, String> ada = Map.of("first_name", "Ada", "last_name", "Lovelace");
        Map<String, String> adaRow7 = Map.of("first_name", "Ada", "last_name", "Lovelace", "source_key", "row-7");

        assertEquals(LookupKey.of("sandbox", contact(0, ada, FIELDS), FIELDS), LookupKey.of("sandbox", contact(1, adaRow7, FIELDS), FIELDS));
        assertEquals(LookupKey.inputsDigest(ada, FIELDS), LookupKey.inputsDigest(adaRow7, FIELDS));
    }

    @Test
    void valuesFieldsAndProvidersThatDifferMakeDifferentLookups() {
        Map<String, String> ada = Map.of("first_name", "Ada", "last_name", "Lovelace");
        LookupKey base = LookupKey.of("sandbox", contact(0, ada, FIELDS), FIELDS);

        assertNotEquals(base, LookupKey.of("sandbox",
                contact(0, Map.of("first_name", "ADA", "last_name", "Lovelace"), FIELDS), FIELDS),
                "a provider may tell case apart");
        assertNotEquals(base, LookupKey.of("sandbox", contact(0, ada, FIELDS), List.of("job_title")));
        assertNotEquals(base, LookupKey.of("other", contact(0, ada, FIELDS), FIELDS));
        assertNotEquals(LookupKey.of("sandbox", contact(0, Map.of("first_name", "ab", "last_name", "c"), FIELDS), FIELDS),
                LookupKey.of("sandbox", contact(0, Map.of("first_name", "a", "last_name", "bc"), FIELDS), FIELDS),
                "attribute boundaries are part of the key");
    }

    @Test
    void thePartitionKeyIgnoresTheEridAndTheRecordIndex() throws Exception {
        Map<String, String> ada = Map.of("first_name", "Ada", "last_name", "Lovelace");
        LookupPartitionKey partitionKey = new LookupPartitionKey();

        assertEquals(partitionKey.getKey(contact(0, ada, FIELDS)), partitionKey.getKey(
                new io.des.model.ContactRecord(
                        TenantIds.DEFAULT, "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d", 9, "2026-11-22", 10, FIELDS, ada)));
    }

    /**
     * Checkpoints hold these digests (cached answers) and the partitioning before the cache follows
     * them: a change of the digest would make every cached answer miss once after an upgrade.
     * Values computed with the first implementation (TreeMap/TreeSet, one update per string).
     */
    @Test
    void theDigestIsTheOneEarlierCheckpointsHold() {
        Map<String, String> ada = new LinkedHashMap<>();
        ada.put("last_name", "Lovelace");
        ada.put("first_name", "Ada");
        ada.put("company_name", "Zo\u00eb & Co");
        ada.put("source_key", "row-17");
        Map<String, String> sparse = new java.util.HashMap<>();
        sparse.put("email", null);
        sparse.put("first_name", "");

        assertEquals("PPAkwvO_T1nTe0hsRf5nmlRJ3a77DiQLxpn_ik_oL20",
                LookupKey.inputsDigest(ada, List.of("job_title", "professional_email", "job_title")));
        assertEquals("D8L3Xu8gWqXWp0IpWKnjmZguElDWYswdM9vfCDrPag8", LookupKey.inputsDigest(sparse, null));
        assertEquals("7GirQufCWjAzvXNhPoohCE0XE0lr3l4F5ZKEmKVYXFc", LookupKey.inputsDigest(null, List.of()));
    }
}
