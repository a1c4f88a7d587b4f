package io.des.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The columns DES knows: what a contact may carry as input and what can be enriched.
 *
 * <p>The two lists are disjoint because both end up as top-level columns of the same Parquet/Athena
 * table; a name in both would be ambiguous for every consumer. Adding a field here adds a nullable
 * column to the Avro schema, which is a compatible schema change for Parquet readers and Athena.
 */
public final class FieldCatalog {

    /**
     * The sender's own id of a contact (a pipeline's source key, or a client's row id): stored and
     * returned with the row so the result joins back to its source, but never sent to a provider and
     * no part of a lookup, since it says nothing about the person and would make every lookup unique.
     */
    public static final String SOURCE_KEY = "source_key";

    /** Input columns a contact may carry (after {@link #normalise}). */
    public static final List<String> CONTACT_FIELDS =
            List.of(
                    "first_name",
                    "last_name",
                    "full_name",
                    "company_name",
                    "company_domain",
                    "email",
                    "city",
                    "country",
                    FieldCatalog.SOURCE_KEY);

    /** Fields a request may ask DES to enrich (after {@link #normalise}). */
    public static final List<String> ENRICHABLE_FIELDS =
            List.of(
                    "professional_email",
                    "personal_email",
                    "phone_number",
                    "mobile_phone",
                    "job_title",
                    "seniority",
                    "linkedin_url",
                    "company_industry",
                    "company_size");

    private static final Set<String> CONTACT_SET = Set.copyOf(CONTACT_FIELDS);
    private static final Set<String> ENRICHABLE_SET = Set.copyOf(ENRICHABLE_FIELDS);
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-]+");

    private FieldCatalog() {}

    /**
     * Normalises a contact key or field name: trimmed, lower case, runs of spaces and hyphens to a
     * single underscore. The seed's own example writes {@code "last name"} and {@code "phone number"}.
     */
    public static String normalise(String name) {
        return SEPARATORS.matcher(name.trim().toLowerCase(Locale.ROOT)).replaceAll("_");
    }

    public static boolean isContactField(String normalisedName) {
        return CONTACT_SET.contains(normalisedName);
    }

    /** A contact attribute that describes the person, so is sent to providers (every one but {@link #SOURCE_KEY}). */
    public static boolean isLookupAttribute(String normalisedName) {
        return isContactField(normalisedName) && !SOURCE_KEY.equals(normalisedName);
    }

    /** The attributes of {@code contact} a provider is asked with: all but {@link #SOURCE_KEY}. */
    public static Map<String, String> lookupAttributes(Map<String, String> contact) {
        if (contact == null || !contact.containsKey(SOURCE_KEY)) {
            return contact;
        }
        Map<String, String> attributes = new LinkedHashMap<>(contact);
        attributes.remove(SOURCE_KEY);
        return attributes;
    }

    public static boolean isEnrichableField(String normalisedName) {
        return ENRICHABLE_SET.contains(normalisedName);
    }
}
