package io.des.bench;

import io.des.enrich.LookupResult;
import io.des.enrich.Provider;
import io.des.enrich.ProviderSpec;
import io.des.model.ContactRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An in-process provider that answers at once with deterministic values: the enrichment stage costs
 * only its own CPU, so the pipeline benchmark measures the job, not a network. Values are built by
 * plain concatenation rather than with {@code SandboxProfiles}, whose regular expressions cost more
 * CPU per record than the rest of the job (see docs/benchmarks.md).
 */
final class ZeroLatencyProviderSpec implements ProviderSpec {

    private static final long serialVersionUID = 1L;
    private static final String[] JOB_TITLES = {"Engineer", "Account Manager", "Director of Sales", "CFO"};

    @Override
    public String providerName() {
        return "in-process";
    }

    @Override
    public Duration requestTimeout() {
        return Duration.ofSeconds(1);
    }

    /** The values found for {@code fields}: every field this provider knows, derived from the name. */
    static Map<String, String> answer(Map<String, String> contact, List<String> fields) {
        String first = contact.getOrDefault("first_name", "");
        String last = contact.getOrDefault("last_name", "");
        Map<String, String> values = new HashMap<>();
        for (String field : fields) {
            switch (field) {
                case "professional_email":
                    values.put(field, first.toLowerCase(Locale.ROOT) + '.' + last.toLowerCase(Locale.ROOT) + "@example.com");
                    break;
                case "phone_number":
                    values.put(field, "+1-555-" + Math.floorMod((first + last).hashCode(), 10_000_000));
                    break;
                case "job_title":
                    values.put(field, JOB_TITLES[Math.floorMod(last.hashCode(), JOB_TITLES.length)]);
                    break;
                default:
                    break;
            }
        }
        return values;
    }

    @Override
    public Provider open() {
        return new Provider() {
            @Override
            public String name() {
                return providerName();
            }

            @Override
            public CompletableFuture<LookupResult> lookup(ContactRecord record, List<String> fields) {
                return CompletableFuture.completedFuture(LookupResult.found(answer(record.contact, fields)));
            }

            @Override
            public void close() {}
        };
    }
}
