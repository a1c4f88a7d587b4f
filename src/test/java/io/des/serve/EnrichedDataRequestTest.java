package io.des.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EnrichedDataRequestTest {

    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";

    @Test
    void defaultsAreTheWeekEndingTodayInUtcFirstPageAndDefaultSize() {
        // 2024-02-11 23:30 UTC is still 2024-02-11 in Los Angeles but already the 12th in Tokyo.
        Instant now = Instant.parse("2024-02-11T23:30:00Z");
        for (String zone : new String[] {"America/Los_Angeles", "Asia/Tokyo", "UTC"}) {
            EnrichedDataRequest request = EnrichedDataRequest.parse("erid=" + ERID, Clock.fixed(now, ZoneId.of(zone)));

            assertEquals(new DateRange(LocalDate.of(2024, 2, 4), LocalDate.of(2024, 2, 11)), request.range(), zone);
            assertEquals(1, request.page());
            assertEquals(EnrichedDataRequest.DEFAULT_PAGE_SIZE, request.pageSize());
        }
    }

    @Test
    void explicitParametersAreDecodedAndEridCanonicalised() {
        EnrichedDataRequest request = EnrichedDataRequest.parse(
                "start_date=2024-02-08&end_date=2024-02-11&erid=" + ERID.toUpperCase() + "&page=3&page_size=10000&unknown=1",
                Clock.systemUTC());

        assertEquals(new EnrichedDataRequest(ERID, new DateRange(LocalDate.of(2024, 2, 8), LocalDate.of(2024, 2, 11)), 3,
                10_000), request);
    }

    @Test
    void rangeOfExactlyTheMaximumSpanIsAccepted() {
        LocalDate end = LocalDate.of(2024, 2, 11);
        LocalDate start = end.minusDays(DateRange.MAX_SPAN_DAYS);

        EnrichedDataRequest request = EnrichedDataRequest.parse(
                "erid=" + ERID + "&start_date=" + start + "&end_date=" + end, Clock.systemUTC());

        assertEquals(DateRange.MAX_SPAN_DAYS + 1, request.range().dates().size());
    }
}
