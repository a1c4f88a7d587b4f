package io.des.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineFileParserTest {

    private static final Map<String, String> ENV = Map.of("ENV_PASSWORD", "s3cret", "ENV_OUT_PASSWORD", "0ut", "DB_HOST", "db.internal");

    static final String CANONICAL = """
            pipelineName: enrich_marketing_data          # [a-z0-9_]{1,64}
            tenant: acme
            dataSource:
              type: mysql
              extraOptions:
                hostname: marketing-service.internal
                port: 3306
                database: marketing
                user: des_reader
                password: ENV_PASSWORD
                table: users
                key: id
                fields: [first_name, last_name, company]
                fields_mapping: {company: company_name}
            fields_to_enrich: [professional_email, phone_number]
            load:
              mode: incremental
              cursor: updated_at
              tie_breaker: id
            schedule: "0 6 * * *"
            destination:
              type: mysql
              extraOptions:
                hostname: output-service.internal
                port: 3306
                database: marketing
                user: des_writer
                password: ENV_OUT_PASSWORD
                table: enriched_users
              write: upsert
            """;

    private final PipelineFileParser parser = new PipelineFileParser(ENV::get);

    @Test
    void theIssuesCanonicalFileLoadsWithItsSecretsFromTheEnvironment() throws Exception {
        PipelineFile pipeline = parser.parse(CANONICAL, "canonical.yaml");

        assertEquals("enrich_marketing_data", pipeline.name());
        assertEquals("acme", pipeline.tenant());
        assertEquals(StoreType.MYSQL, pipeline.source().endpoint().type());
        assertEquals("s3cret", pipeline.source().endpoint().password());
        assertEquals("jdbc:mariadb://marketing-service.internal:3306/marketing", pipeline.source().endpoint().jdbcUrl());
        assertEquals(List.of("id"), pipeline.source().key());
        assertEquals(Map.of("first_name", "first_name", "last_name", "last_name", "company", "company_name"),
                pipeline.source().contactNames());
        assertEquals(List.of("professional_email", "phone_number"), pipeline.fieldsToEnrich());
        assertEquals(new LoadSpec(LoadMode.INCREMENTAL, "updated_at", "id"), pipeline.load());
        assertEquals("0 6 * * *", pipeline.schedule().toString());
        assertEquals(WriteMode.UPSERT, pipeline.destination().write());
        assertEquals("0ut", pipeline.destination().endpoint().password());
        assertTrue(!pipeline.toString().contains("s3cret") && !pipeline.toString().contains("0ut"), pipeline.toString());
    }

    @Test
    void theDesignDocumentsListOfSingleKeyMappingsLoadsAsWritten() throws Exception {
        String design = """
                pipelineName: enrich_marketing_data
                dataSource:
                    - type: mysql
                    - extraOptions:
                          - hostname: marketing-service.internal
                          - port: 3306
                          - password: ENV_PASSWORD
                          - database: marketing
                          - user: des_reader
                          - key: id
                          - table: users
                          - fields: [first_name, last_name, company]
                          - fields_mapping:
                              - company: company_name
                          - fields_to_enrich: [company_email, phone_number]
                destination:
                          - type: mysql
                          - extraOptions:
                              - hostname: output-service.internal
                              - port: 3306
                              - database: marketing
                              - user: des_writer
                              - password: ENV_OUT_PASSWORD
                              - table: enriched_users
                """;

        PipelineFile pipeline = parser.parse(design, "design.yaml");

        assertEquals("default", pipeline.tenant());
        assertEquals("users", pipeline.source().endpoint().table());
        assertEquals(List.of("professional_email", "phone_number"), pipeline.fieldsToEnrich(),
                "the design's company_email is DES's professional_email");
        assertEquals(LoadSpec.FULL, pipeline.load());
        assertEquals("enriched_users", pipeline.destination().endpoint().table());
        assertNull(pipeline.schedule());
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() {
        String broken = CANONICAL
                .replace("port: 3306\n    database: marketing\n    user: des_reader", "port: three\n    database: marketing\n    user: des_reader")
                .replace("  extraOptions:\n    hostname: output", "  extraOption:\n    hostname: output")
                .replace("password: ENV_OUT_PASSWORD", "password: ${MISSING_SECRET}")
                .replace("schedule: \"0 6 * * *\"", "schedule: \"0 25 * * *\"");

        PipelineFileException e = assertThrows(PipelineFileException.class, () -> parser.parse(broken, "broken.yaml"));

        List<String> problems = e.problems();
        assertTrue(problems.contains("dataSource.extraOptions.port: expected an integer, got 'three'"), problems.toString());
        assertTrue(problems.contains("destination.extraOption: unknown key; did you mean 'extraOptions'?"), problems.toString());
        assertTrue(problems.contains("destination.extraOptions: required"), problems.toString());
        assertTrue(problems.contains("schedule: hour: 25 is outside 0-23"), problems.toString());
        assertTrue(e.getMessage().startsWith("broken.yaml: "), e.getMessage());
    }

    @Test
    void aMissingVariableIsNamedWithItsPath() {
        PipelineFileParser bare = new PipelineFileParser(Map.of("ENV_PASSWORD", "x")::get);

        PipelineFileException e = assertThrows(PipelineFileException.class, () -> bare.parse(CANONICAL, "p.yaml"));

        assertEquals(List.of("destination.extraOptions.password: environment variable ENV_OUT_PASSWORD is not set"), e.problems());
    }

    @Test
    void placeholdersAreFilledAnywhereInAValue() throws Exception {
        PipelineFile pipeline = parser.parse(CANONICAL.replace("hostname: marketing-service.internal", "hostname: ${DB_HOST}"), "p.yaml");

        assertEquals("db.internal", pipeline.source().endpoint().hostname());
    }

    @Test
    void misspeltKeysAndValuesSuggestTheNearestKnownOne() {
        String misspelt = CANONICAL.replace("fields_mapping:", "field_mapping:").replace("mode: incremental", "mode: incremantal")
                .replace("[professional_email, phone_number]", "[profesional_email, phone_number]");

        PipelineFileException e = assertThrows(PipelineFileException.class, () -> parser.parse(misspelt, "p.yaml"));

        assertTrue(e.problems().contains("dataSource.extraOptions.field_mapping: unknown key; did you mean 'fields_mapping'?"), e.problems().toString());
        assertTrue(e.problems().contains("load.mode: 'incremantal' is not one of full | incremental; did you mean 'incremental'?"), e.problems().toString());
        assertTrue(e.problems().contains("fields_to_enrich[0]: 'profesional_email' is not an enrichable field; did you mean 'professional_email'?"),
                e.problems().toString());
    }

    @Test
    void keysOfAnotherStoreTypeDoNotApply() {
        String csv = """
                pipelineName: from_csv
                dataSource:
                  type: csv
                  extraOptions: {path: in.csv, hostname: db, key: id, fields: [first_name, last_name]}
                fields_to_enrich: [job_title]
                load: {mode: incremental, cursor: updated_at}
                destination:
                  type: parquet
                  extraOptions: {path: out}
                  write: upsert
                """;

        PipelineFileException e = assertThrows(PipelineFileException.class, () -> parser.parse(csv, "p.yaml"));

        assertTrue(e.problems().contains("dataSource.extraOptions.hostname: does not apply to a csv source"), e.problems().toString());
        assertTrue(e.problems().contains("load.mode: incremental loads read from a database; a csv source is read whole (mode: full)"),
                e.problems().toString());
        assertTrue(e.problems().contains("destination.write: upsert needs a database destination; files take append | replace"),
                e.problems().toString());
    }

    @Test
    void queriesMustBeOneReadOnlyParameterFreeSelect() {
        for (String query : List.of("DELETE FROM users", "SELECT * FROM users WHERE id = ?", "SELECT 1; DROP TABLE users")) {
            String file = CANONICAL.replace("table: users", "query: \"" + query + "\"");
            PipelineFileException e = assertThrows(PipelineFileException.class, () -> parser.parse(file, "p.yaml"));
            assertTrue(e.problems().get(0).startsWith("dataSource.extraOptions.query: must"), e.problems().toString());
        }
    }

    @Test
    void fieldsMustFillContactAttributesAndNeverTheSourceKey() {
        String file = CANONICAL.replace("fields_mapping: {company: company_name}", "fields_mapping: {company: source_key}")
                .replace("[first_name, last_name, company]", "[first_name, last_name, company, shoe_size]");

        PipelineFileException e = assertThrows(PipelineFileException.class, () -> parser.parse(file, "p.yaml"));

        assertTrue(e.problems().get(0).startsWith("dataSource.extraOptions.fields_mapping.company: 'source_key' is not a DES contact attribute"),
                e.problems().toString());
        assertTrue(e.problems().get(1).startsWith("dataSource.extraOptions.fields[3]: 'shoe_size' is not a DES contact attribute; map it with fields_mapping"),
                e.problems().toString());
    }

    @Test
    void unsafeNamesNeverReachSql() {
        String file = CANONICAL.replace("table: users", "table: \"users; DROP TABLE x\"").replace("cursor: updated_at", "cursor: \"updated_at--\"");

        PipelineFileException e = assertThrows(PipelineFileException.class, () -> parser.parse(file, "p.yaml"));

        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("dataSource.extraOptions.table: 'users; DROP TABLE x' is not a table name")),
                e.problems().toString());
        assertTrue(e.problems().contains("load.cursor: 'updated_at--' is not a column name"), e.problems().toString());
    }

    @Test
    void notYamlOrNotAMappingIsOneClearProblem() {
        PipelineFileException e = assertThrows(PipelineFileException.class, () -> parser.parse("pipelineName: [unclosed", "bad.yaml"));
        assertTrue(e.problems().get(0).startsWith("not valid YAML"), e.problems().toString());

        PipelineFileException list = assertThrows(PipelineFileException.class, () -> parser.parse("- a\n- b\n", "list.yaml"));
        assertEquals(List.of("expected a mapping of keys (pipelineName, dataSource, …)"), list.problems());

        PipelineFileException twice = assertThrows(PipelineFileException.class,
                () -> parser.parse(CANONICAL + "tenant: globex\n", "twice.yaml"));
        assertTrue(twice.problems().get(0).contains("tenant"), twice.problems().toString());
    }

    @Test
    void tieBreakerDefaultsToASingleColumnKey() throws Exception {
        PipelineFile pipeline = parser.parse(CANONICAL.replace("  tie_breaker: id\n", ""), "p.yaml");

        assertEquals("id", pipeline.load().tieBreaker());
    }
}
