package io.des.api.tenant;

import io.des.ingest.IngestRequest;
import io.des.model.ApiException;
import io.des.model.ApiRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Tenants documents, requests and chunks for the tenant tests. */
final class TenantFixtures {

    static final String ACME_KEY = "acme-key-1";
    static final String ACME_NEXT_KEY = "acme-key-2";
    static final String GLOBEX_KEY = "globex-key-1";

    private TenantFixtures() {}

    static String tenant(String id, String limits, String... keys) {
        List<String> digests = new ArrayList<>();
        for (String key : keys) {
            digests.add('"' + ApiKeys.digestHex(key) + '"');
        }
        return "{\"id\":\"" + id + "\",\"name\":\"" + id + " inc\",\"api_keys_sha256\":" + digests
                + (limits == null ? "" : ",\"limits\":" + limits) + "}";
    }

    static byte[] document(String... tenants) {
        return ("{\"tenants\":[" + String.join(",", tenants) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    static TenantDirectory directory(String... tenants) {
        return TenantsDocument.parse(document(tenants));
    }

    static ApiRequest withHeaders(Map<String, String> headers) {
        return new ApiRequest("GET", "/v2/enriched_data", null, headers, null, "req-1", null);
    }

    static IngestRequest chunk(String erid, int contacts, long numberOfRecords) {
        List<Map<String, String>> list = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            list.add(Map.of("full_name", "Person " + i));
        }
        return new IngestRequest(erid, list, List.of("professional_email"), numberOfRecords, 0, null, null);
    }

    static ApiException refused(Executable call) {
        return assertThrows(ApiException.class, call);
    }
}
