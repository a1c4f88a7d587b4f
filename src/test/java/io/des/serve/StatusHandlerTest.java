package io.des.serve;

import static io.des.model.ApiRequests.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.des.model.ApiRequests;
import io.des.model.ApiResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StatusHandlerTest {

    private final AtomicBoolean ready = new AtomicBoolean(true);
    private final StatusHandler handler = new StatusHandler(ready::get);

    @Test
    void statusIsOkOnlyWhenReady() {
        ApiResponse readyAnswer = status(handler);
        assertEquals(200, readyAnswer.status());
        assertEquals("ok", json(readyAnswer).get("status").asText());

        ready.set(false);
        ApiResponse notReady = status(handler);
        assertEquals(503, notReady.status());
        assertEquals("not_ready", json(notReady).get("code").asText());
    }

    @Test
    void readinessCheckThatThrowsMeansNotReady() {
        ApiResponse answer = status(new StatusHandler(() -> {
            throw new IllegalStateException("job client gone");
        }));

        assertEquals(503, answer.status());
        assertEquals("not_ready", json(answer).get("code").asText());
    }

    private static ApiResponse status(StatusHandler handler) {
        return ApiRequests.answer(handler, ApiRequests.get(StatusHandler.PATH, null, null));
    }
}
