package io.des.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parts of the Athena engine that need no AWS: settings, SQL text, parameters, row typing. */
class AthenaQueriesTest {

    private static final String TENANT = "acme";
    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final LocalDate FEB_9 = LocalDate.of(2024, 2, 9);
    private static final AthenaSettings SETTINGS =
            AthenaSettings.of("des_db", "enriched_data", "des", "s3://results-bucket/athena/", "s3://data-bucket/des");

    private final AthenaQueries queries = new AthenaQueries(SETTINGS);

    @ParameterizedTest
    @ValueSource(strings = {"", "db; DROP TABLE x", "des-db", "des.db", "\"des\"", "db name"})
    void databaseOrTableNameOutsideTheIdentifierAlphabetIsRefused(String name) {
        assertThrows(IllegalArgumentException.class,
                () -> AthenaSettings.of(name, "enriched_data", "des", "s3://r/", "s3://d/"));
        assertThrows(IllegalArgumentException.class,
                () -> AthenaSettings.of("des_db", name, "des", "s3://r/", "s3://d/"));
    }

    @Test
    void locationsMustBeS3Uris() {
        assertThrows(IllegalArgumentException.class,
                () -> AthenaSettings.of("db", "t", "des", "https://r/", "s3://d/"));
        assertThrows(IllegalArgumentException.class,
                () -> AthenaSettings.of("db", "t", "des", "s3://r/", "/local/path"));
    }

    @Test
    void pageQueryPassesEveryRequestValueAsAParameter() {
        AthenaQueries.AthenaQuery query = queries.page(TENANT, ERID, FEB_9, 2000, 3000);

        assertEquals(List.of("'acme'", "'2024-02-09'", "'" + ERID + "'", "2000", "3000"), query.parameters());
        assertEquals(query.parameters().size(), placeholders(query.sql()));
        assertFalse(query.sql().contains(ERID));
        assertFalse(query.sql().contains("2024-02"));
        assertTrue(query.sql().contains("FROM \"des_db\".\"enriched_data\" WHERE"), query.sql());
        assertTrue(query.sql().endsWith("ORDER BY record_index"), query.sql());
        assertTrue(query.sql().contains("CAST(\"field_status\" AS JSON) AS \"field_status\""), query.sql());
    }

    @Test
    void everyQueryIsConfinedToTheCallersTenantByAParameterOnTheFirstPartitionKey() {
        AthenaQueries.AthenaQuery query = queries.page(TENANT, ERID, FEB_9, 0, 10);

        assertTrue(query.sql().contains(" WHERE tenant = ? AND request_date = ? AND erid = ?"), query.sql());
        assertEquals("'" + TENANT + "'", query.parameters().get(0));
        assertFalse(query.sql().contains(TENANT), "the tenant is a parameter, never SQL text: " + query.sql());
    }

    @ParameterizedTest
    @ValueSource(strings = {"' OR '1'='1", "../x", "Acme", ""})
    void invalidTenantNeverBecomesAQuery(String tenant) {
        assertThrows(IllegalArgumentException.class, () -> queries.page(tenant, ERID, FEB_9, 0, 10));
    }

    @Test
    void invalidEridOrIndexRangeNeverBecomesAQuery() {
        assertThrows(IllegalArgumentException.class, () -> queries.page(TENANT, "' OR '1'='1", FEB_9, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> queries.page(TENANT, ERID, FEB_9, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> queries.page(TENANT, ERID, FEB_9, -1, 10));
    }

    @Test
    void athenaStringsBecomeTypedValuesAndTheSameRowShape() {
        List<String> columns = List.of("erid", "request_date", "record_index", "first_name", "phone_number",
                "job_title", "phone_number_source", "fields_to_enrich", "field_status", "enrichment_status");
        List<String> values = Arrays.asList(ERID, "2024-02-09", "7", "Ada", "+1-555-7", null, "sandbox",
                "[\"phone_number\",\"job_title\"]", "{\"phone_number\":\"enriched\",\"job_title\":\"not_found\"}",
                "enriched");

        Map<String, Object> stored = AthenaRows.toStoredRow(columns, values);
        Map<String, Object> row = EnrichedRowShaper.shape(stored);

        assertEquals(7L, stored.get("record_index"));
        assertEquals(List.of("phone_number", "job_title"), stored.get("fields_to_enrich"));
        assertEquals(List.of("erid", "request_date", "record_index", "first_name", "phone_number", "job_title",
                "phone_number_source", "job_title_source", "field_status", "enrichment_status", "enrichment_reason"),
                new ArrayList<>(row.keySet()));
        assertNull(row.get("job_title"));
        assertEquals(Map.of("phone_number", "enriched", "job_title", "not_found"), row.get("field_status"));
    }

    @Test
    void malformedAthenaValueIsAnEngineFailure() {
        assertThrows(QueryEngineException.class,
                () -> AthenaRows.toStoredRow(List.of("record_index"), List.of("seven")));
        assertThrows(QueryEngineException.class,
                () -> AthenaRows.toStoredRow(List.of("field_status"), List.of("{phone_number=enriched}")));
    }

    private static long placeholders(String sql) {
        return sql.chars().filter(c -> c == '?').count();
    }
}
