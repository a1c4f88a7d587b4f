package io.des.enrich;

import io.des.model.ContactRecord;
import io.des.model.TenantIds;
import java.util.List;
import java.util.Map;

/** Contact records for enrichment tests. */
final class TestContacts {

    static final String ERID = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";

    private TestContacts() {}

    static ContactRecord contact(long index, Map<String, String> contact, List<String> fields) {
        return new ContactRecord(TenantIds.DEFAULT, ERID, index, "2026-11-21", 100, fields, contact);
    }

    static ContactRecord adaAtAcme(long index, List<String> fields) {
        return contact(index, Map.of("first_name", "Ada", "last_name", "Lovelace", "company_name", "Acme Corp"), fields);
    }

    /** A distinct contact per index, so that deterministic sandbox answers differ between records. */
    static ContactRecord person(long index, List<String> fields) {
        return contact(index,
                Map.of("first_name", "Person" + index, "last_name", "Tester", "company_domain", "example.org"),
                fields);
    }
}
