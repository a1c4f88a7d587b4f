package io.des.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;

/**
 * The {@code data} elements of a paged answer ({@code page}, {@code next_page}), fetched one page
 * at a time as they are consumed, so that only one page is ever held in memory.
 */
final class Pages implements Iterator<JsonNode> {

    private final LongFunction<JsonNode> fetch;
    private Iterator<JsonNode> page = Collections.emptyIterator();
    private Long nextPage = 1L;

    /** @param fetch the answer for a page number, from 1 */
    Pages(LongFunction<JsonNode> fetch) {
        this.fetch = fetch;
    }

    @Override
    public boolean hasNext() {
        while (!page.hasNext() && nextPage != null) {
            JsonNode answer = fetch.apply(nextPage);
            page = answer.path("data").elements();
            nextPage = answer.path("next_page").isIntegralNumber() ? answer.path("next_page").asLong() : null;
        }
        return page.hasNext();
    }

    @Override
    public JsonNode next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.next();
    }
}
