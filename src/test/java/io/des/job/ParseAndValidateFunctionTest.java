package io.des.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.model.ContactRecord;
import io.des.model.RecordCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ParseAndValidateFunctionTest {

    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";

    private static OneInputStreamOperatorTestHarness<byte[], ContactRecord> open() throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new ParseAndValidateFunction()));
        harness.open();
        return harness;
    }

    private static ContactRecord valid() {
        return new ContactRecord("acme", ERID, 3, "2026-11-20", 10, List.of("professional_email"),
                Map.of("first_name", "Ada", "last_name", "Lovelace", "company_name", "acme"));
    }

    @Test
    void validRecordPassesUnchanged() throws Exception {
        try (var harness = open()) {
            harness.processElement(new StreamRecord<>(RecordCodec.encode(valid())));
            assertEquals(List.of(valid()), harness.extractOutputValues());
            assertEquals(null, harness.getSideOutput(ParseAndValidateFunction.DEAD_LETTERS));
        }
    }

    @Test
    void theEnrichmentWeightTravelsWithTheRecordAndMayBeLeftOut() throws Exception {
        ContactRecord weighed = valid();
        weighed.enrichmentWeight = 5;
        String withoutWeight = new String(RecordCodec.encode(valid()), StandardCharsets.UTF_8);
        assertFalse(withoutWeight.contains("enrichment_weight"), "other producers need not know weights: " + withoutWeight);
        try (var harness = open()) {
            harness.processElement(new StreamRecord<>(RecordCodec.encode(weighed)));
            harness.processElement(new StreamRecord<>(withoutWeight.getBytes(StandardCharsets.UTF_8)));

            assertEquals(List.of(5, 0), harness.extractOutputValues().stream().map(r -> r.enrichmentWeight).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json|{oops|not JSON",
        "array|[1,2]|not a JSON object",
        "missing tenant|{\"erid\":\"" + ERID + "\",\"record_index\":0,\"request_date\":\"2026-11-20\",\"number_of_records\":1,\"fields_to_enrich\":[\"job_title\"],\"contact\":{\"first_name\":\"a\"}}|missing tenant",
        "tenant escaping the path|{\"tenant\":\"../x\",\"erid\":\"" + ERID + "\",\"record_index\":0,\"request_date\":\"2026-11-20\",\"number_of_records\":1,\"fields_to_enrich\":[\"job_title\"],\"contact\":{\"first_name\":\"a\"}}|tenant is not a tenant id",
        "upper-case tenant|{\"tenant\":\"Acme\",\"erid\":\"" + ERID + "\",\"record_index\":0,\"request_date\":\"2026-11-20\",\"number_of_records\":1,\"fields_to_enrich\":[\"job_title\"],\"contact\":{\"first_name\":\"a\"}}|tenant is not a tenant id",
        "tenant not a string|{\"tenant\":7,\"erid\":\"" + ERID + "\",\"record_index\":0,\"request_date\":\"2026-11-20\",\"number_of_records\":1,\"fields_to_enrich\":[\"job_title\"],\"contact\":{\"first_name\":\"a\"}}|tenant must be a string",
        "missing erid|{\"tenant\":\"acme\",\"record_index\":0,\"request_date\":\"2026-11-20\",\"number_of_records\":1,\"fields_to_enrich\":[\"job_title\"],\"contact\":{\"first_name\":\"a\"}}|missing erid",
        "bad erid|{\"tenant\":\"acme\",\"erid\":\"../../etc\",\"record_index\":0,\"request_date\":\"2026-11-20\",\"number_of_records\":1,\"fields_to_enrich\":[\"job_title\"],\"contact\":{\"first_name\":\"a\"}}|erid",
        "index out of range|{\"tenant\":\"acme\",\"erid\":\"" + ERID + "\",\"record_index\":5,\"request_date\":\"2026-11-20\",\"number_of_records\":5,\"fields_to_enrich\":[\"job_title\"],\"contact\":{\"first_name\":\"a\"}}|record_index 5",
        "bad date|{\"tenant\":\"acme\",\"erid\":\"" + ERID + "\",\"record_index\":0,\"request_date\":\"2026-13-40\",\"number_of_records\":1,\"fields_to_enrich\":[\"job_title\"],\"contact\":{\"first_name\":\"a\"}}|request_date",
        "unknown field|{\"tenant\":\"acme\",\"erid\":\"" + ERID + "\",\"record_index\":0,\"request_date\":\"2026-11-20\",\"number_of_records\":1,\"fields_to_enrich\":[\"shoe_size\"],\"contact\":{\"first_name\":\"a\"}}|shoe_size",
        "unknown contact key|{\"tenant\":\"acme\",\"erid\":\"" + ERID + "\",\"record_index\":0,\"request_date\":\"2026-11-20\",\"number_of_records\":1,\"fields_to_enrich\":[\"job_title\"],\"contact\":{\"nickname\":\"a\"}}|nickname",
        "wrong type|{\"tenant\":\"acme\",\"erid\":\"" + ERID + "\",\"record_index\":\"0\",\"request_date\":\"2026-11-20\",\"number_of_records\":1,\"fields_to_enrich\":[\"job_title\"],\"contact\":{\"first_name\":\"a\"}}|record_index must be an integer",
        "weight out of range|{\"tenant\":\"acme\",\"erid\":\"" + ERID + "\",\"record_index\":0,\"request_date\":\"2026-11-20\",\"number_of_records\":1,\"fields_to_enrich\":[\"job_title\"],\"contact\":{\"first_name\":\"a\"},\"enrichment_weight\":101}|enrichment_weight must be 1 to 100",
        "weight not an integer|{\"tenant\":\"acme\",\"erid\":\"" + ERID + "\",\"record_index\":0,\"request_date\":\"2026-11-20\",\"number_of_records\":1,\"fields_to_enrich\":[\"job_title\"],\"contact\":{\"first_name\":\"a\"},\"enrichment_weight\":\"high\"}|enrichment_weight must be an integer",
    })
    void malformedMessageGoesToDeadLettersWithItsReasonAndPayload(String name, String message, String reasonPart)
            throws Exception {
        try (var harness = open()) {
            harness.processElement(new StreamRecord<>(message.getBytes(StandardCharsets.UTF_8)));
            assertTrue(harness.extractOutputValues().isEmpty());
            DeadLetter letter = harness.getSideOutput(ParseAndValidateFunction.DEAD_LETTERS).peek().getValue();
            assertTrue(letter.reason.contains(reasonPart), letter.reason);
            assertEquals(message, letter.payload);
            assertEquals("validate", letter.stage);
        }
    }

    @Test
    void deadLetterNamesTheTenantWhenItIsAValidOne() throws Exception {
        ContactRecord outOfRange = valid();
        outOfRange.recordIndex = 10;
        ContactRecord badTenant = valid();
        badTenant.tenant = "../x";
        try (var harness = open()) {
            harness.processElement(new StreamRecord<>(RecordCodec.encode(outOfRange)));
            harness.processElement(new StreamRecord<>(RecordCodec.encode(badTenant)));

            var letters = harness.getSideOutput(ParseAndValidateFunction.DEAD_LETTERS);
            DeadLetter ofAcme = letters.poll().getValue();
            assertEquals("acme", ofAcme.tenant);
            assertTrue(ofAcme.toJsonLine().contains("\"tenant\":\"acme\""), ofAcme.toJsonLine());
            DeadLetter ofNobody = letters.poll().getValue();
            assertNull(ofNobody.tenant, "an invalid tenant is shown in the payload only");
            assertFalse(ofNobody.toJsonLine().contains("\"tenant\":"), ofNobody.toJsonLine());
        }
    }
}
