package io.des.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.notify.WebhookHeaders;
import io.des.notify.WebhookSecret;
import io.des.notify.WebhookSigner;
import io.des.notify.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link DesClient#rows} across pages, {@link DesClient#list}, and {@link DesClient#verifyWebhook}. */
class DesClientRowsTest {

    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final Pattern PAGE = Pattern.compile("page=(\\d+)&page_size=(\\d+)");

    /** A completed ERID of {@code total} rows, paged like GET /v2/enriched_data. */
    private static FakeDes.Answer serve(FakeDes.Request request, String status, int total) {
        if (request.target().startsWith("/v2/enrichment_requests/")) {
            return FakeDes.entry(status, status.equals("completed") ? total : 1, total);
        }
        Matcher paging = PAGE.matcher(request.target());
        assertTrue(paging.find(), request.target());
        int page = Integer.parseInt(paging.group(1));
        int size = Integer.parseInt(paging.group(2));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = (page - 1) * size; i < Math.min(total, page * size); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("erid", ERID);
            row.put("record_index", i);
            row.put("field_status", Map.of("job_title", "enriched"));
            rows.add(row);
        }
        int pages = (total + size - 1) / size;
        Map<String, Object> body = new HashMap<>(Map.of("erid", ERID, "status", "completed", "data", rows, "page", page,
                "page_size", size, "number_of_pages", pages));
        body.put("next_page", page < pages ? page + 1 : null);
        return FakeDes.Answer.json(200, body);
    }

    @Test
    void streamsEveryRowOnceInOrderAcrossPagesOfTheEridsOwnRequestDate() throws Exception {
        try (FakeDes des = new FakeDes(request -> serve(request, "completed", 2_345))) {
            DesClient client = DesClient.builder().url(des.url()).build();
            List<Map<String, Object>> rows;
            try (Stream<Map<String, Object>> stream = client.rows(ERID)) {
                rows = stream.toList();
            }

            assertEquals(2_345, rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(i, ((Number) rows.get(i).get("record_index")).intValue());
            }
            assertEquals(Map.of("job_title", "enriched"), rows.get(0).get("field_status"));
            List<String> gets = des.requests().stream().map(FakeDes.Request::target).skip(1).toList();
            assertEquals(3, gets.size());
            assertEquals("/v2/enriched_data?erid=" + ERID + "&start_date=2026-11-20&end_date=2026-11-20&page=3&page_size=1000",
                    gets.get(2));
        }
    }

    @Test
    void readsPagesOnlyAsTheStreamIsConsumed() throws Exception {
        try (FakeDes des = new FakeDes(request -> serve(request, "completed", 5_000))) {
            try (Stream<Map<String, Object>> stream = DesClient.builder().url(des.url()).build().rows(ERID)) {
                assertEquals(10, stream.limit(10).count());
            }
            assertEquals(2, des.requests().size(), "the status and one page");
        }
    }

    @Test
    void refusesRowsOfAnEridThatIsNotCompleted() throws Exception {
        try (FakeDes des = new FakeDes(request -> serve(request, "incomplete", 3))) {
            DesException refused = assertThrows(DesException.class, () -> DesClient.builder().url(des.url()).build().rows(ERID));
            assertTrue(refused.getMessage().contains("is incomplete (1 of 3 records committed)"), refused.getMessage());
        }
    }

    @Test
    void listsEveryEntryAcrossHistoryPages() throws Exception {
        try (FakeDes des = new FakeDes(request -> {
            boolean first = request.target().contains("page=1&");
            Map<String, Object> body = new HashMap<>(Map.of("data", List.of(
                    FakeDes.entryBody(first ? "completed" : "expired", 3, 3)), "page", 1, "page_size", 1000));
            body.put("next_page", first ? 2 : null);
            return FakeDes.Answer.json(200, body);
        })) {
            List<EridStatus> all = DesClient.builder().url(des.url()).build().list(io.des.serve.EridState.COMPLETED).toList();

            assertEquals(2, all.size());
            assertEquals(List.of("/v2/enrichment_requests?page=1&page_size=1000&status=completed",
                    "/v2/enrichment_requests?page=2&page_size=1000&status=completed"),
                    des.requests().stream().map(FakeDes.Request::target).toList());
        }
    }

    @Test
    void keepsTheBasePathOfAnApiBehindAGateway() throws Exception {
        try (FakeDes des = new FakeDes(request -> FakeDes.entry("completed", 3, 3))) {
            DesClient.builder().url(des.url() + "/prod/").build().status(ERID);
            assertEquals("/prod/v2/enrichment_requests/" + ERID, des.requests().get(0).target());
        }
    }

    @Test
    void verifiesAWebhookSignedWithTheSecretAndRefusesATamperedOne() throws Exception {
        WebhookSecret secret = WebhookSecret.generate();
        byte[] body = "{\"type\":\"enrichment_request.completed\"}".getBytes(StandardCharsets.UTF_8);
        WebhookHeaders signed = WebhookSigner.sign(List.of(secret), "msg_0123456789abcdef0123456789abcdef",
                java.time.Instant.now().getEpochSecond(), body);
        Map<String, String> headers = new HashMap<>(signed.asMap());
        headers.put("Content-Type", "application/json");

        DesClient.verifyWebhook(secret.encoded(), headers, body);
        assertThrows(WebhookVerificationException.class, () -> DesClient.verifyWebhook(secret.encoded(), headers,
                "{\"type\":\"enrichment_request.expired\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(WebhookVerificationException.class,
                () -> DesClient.verifyWebhook(WebhookSecret.generate().encoded(), headers, body));
    }
}
