package io.des.enrich;

import io.des.model.ContactRecord;
import java.util.List;

/** One contact's part of a bulk call: the contact and the fields asked of it. */
public record BulkLookup(ContactRecord record, List<String> fields) {
}
