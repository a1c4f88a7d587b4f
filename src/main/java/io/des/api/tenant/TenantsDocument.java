package io.des.api.tenant;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.model.ContactRecord;
import io.des.model.TenantIds;
import io.des.notify.WebhookSecret;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the tenants document, the same JSON from {@code --tenants-file} locally and from AWS
 * Secrets Manager in AWS:
 *
 * <pre>
 * {"tenants": [{"id": "acme", "name": "Acme Corp",
 *               "api_keys_sha256": ["&lt;64 hex digits&gt;", …],
 *               "webhook_secret": "whsec_…", "default_callback_url": "https://…", "enrichment_weight": 1,
 *               "limits": {"requests_per_second": 50, "records_per_day": 5000000,
 *                          "erids_in_progress": 1000, "max_number_of_records": 10000000}}]}
 * </pre>
 *
 * A document is taken whole or not at all: every problem is collected and reported together, with
 * where it is ({@code tenants[1].limits.records_per_day}), and never with a digest's value. Unknown
 * members are refused so that a misspelt limit does not silently fall back to its default.
 */
public final class TenantsDocument {

    /** Two keys at once let a tenant rotate: add the new one, move clients, remove the old one. */
    public static final int MAX_KEYS_PER_TENANT = 2;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-fA-F]{64}$");
    private static final Set<String> TENANT_MEMBERS =
            Set.of("id", "name", "api_keys_sha256", "limits", "webhook_secret", "default_callback_url", "enrichment_weight");
    private static final Set<String> LIMIT_MEMBERS =
            Set.of("requests_per_second", "records_per_day", "erids_in_progress", "max_number_of_records");

    private final List<String> problems = new ArrayList<>();

    private TenantsDocument() {}

    /** @throws IllegalArgumentException listing every problem of the document */
    public static TenantDirectory parse(byte[] json) {
        return new TenantsDocument().read(json);
    }

    private TenantDirectory read(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // Only the location: the parser's message quotes the offending token, which could be a key.
            JsonLocation where = e.getLocation();
            throw new IllegalArgumentException("tenants document is not valid JSON"
                    + (where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr()));
        } catch (IOException e) {
            throw new IllegalArgumentException("tenants document could not be read", e);
        }
        if (root == null || !root.isObject() || !root.path("tenants").isArray()) {
            throw new IllegalArgumentException("tenants document must be an object with a \"tenants\" array");
        }
        unknownMembers(root, Set.of("tenants"), "");
        List<Tenant> tenants = new ArrayList<>();
        Map<String, String> keyOwners = new HashMap<>();
        Map<String, String> idOwners = new HashMap<>();
        JsonNode list = root.get("tenants");
        for (int i = 0; i < list.size(); i++) {
            String at = "tenants[" + i + "]";
            Tenant tenant = tenant(list.get(i), at);
            if (tenant == null) {
                continue;
            }
            String earlier = idOwners.putIfAbsent(tenant.id(), at);
            if (earlier != null) {
                problems.add(at + ".id: tenant " + tenant.id() + " is also " + earlier);
            }
            for (byte[] digest : tenant.apiKeyDigests()) {
                String owner = keyOwners.putIfAbsent(HexFormat.of().formatHex(digest), at);
                if (owner != null) {
                    problems.add(at + ".api_keys_sha256: a key digest is also listed by " + owner);
                }
            }
            tenants.add(tenant);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid tenants document:\n  - " + String.join("\n  - ", problems));
        }
        return new TenantDirectory(tenants);
    }

    private Tenant tenant(JsonNode node, String at) {
        if (!node.isObject()) {
            problems.add(at + ": must be an object");
            return null;
        }
        int before = problems.size();
        unknownMembers(node, TENANT_MEMBERS, at + ".");
        String id = node.path("id").isTextual() ? node.get("id").textValue() : null;
        if (!TenantIds.isValid(id)) {
            problems.add(at + ".id: must match [a-z0-9][a-z0-9_-]{0,62}");
        }
        String name = node.path("name").isTextual() ? node.get("name").textValue() : id;
        if (node.has("name") && !node.get("name").isTextual()) {
            problems.add(at + ".name: must be a string");
        }
        List<byte[]> digests = digests(node.get("api_keys_sha256"), at + ".api_keys_sha256");
        TenantLimits limits = limits(node.get("limits"), at + ".limits");
        WebhookSecret secret = webhookSecret(node.get("webhook_secret"), at + ".webhook_secret");
        String callbackUrl = defaultCallbackUrl(node.get("default_callback_url"), at + ".default_callback_url");
        int weight = enrichmentWeight(node.get("enrichment_weight"), at + ".enrichment_weight");
        return problems.size() == before
                ? new Tenant(id, name == null ? "" : name, digests, limits, secret, callbackUrl, weight) : null;
    }

    private int enrichmentWeight(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return ContactRecord.DEFAULT_ENRICHMENT_WEIGHT;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1
                || node.intValue() > ContactRecord.MAX_ENRICHMENT_WEIGHT) {
            problems.add(at + ": must be an integer from 1 to " + ContactRecord.MAX_ENRICHMENT_WEIGHT + ", got " + node);
            return ContactRecord.DEFAULT_ENRICHMENT_WEIGHT;
        }
        return node.intValue();
    }

    private WebhookSecret webhookSecret(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return WebhookSecret.parse(node.isTextual() ? node.textValue() : "");
        } catch (IllegalArgumentException e) {
            problems.add(at + ": " + e.getMessage());
            return null;
        }
    }

    private String defaultCallbackUrl(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return null;
        }
        String url = node.isTextual() ? node.textValue().trim() : "";
        if (!(url.startsWith("https://") || url.startsWith("http://")) || url.length() > 2048) {
            problems.add(at + ": must be an http(s) URL of at most 2048 characters (checked again before each delivery)");
            return null;
        }
        return url;
    }

    private List<byte[]> digests(JsonNode node, String at) {
        List<byte[]> digests = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > MAX_KEYS_PER_TENANT) {
            problems.add(at + ": must list 1 to " + MAX_KEYS_PER_TENANT + " SHA-256 hex digests of API keys");
            return digests;
        }
        for (int k = 0; k < node.size(); k++) {
            JsonNode digest = node.get(k);
            if (!digest.isTextual() || !SHA256_HEX.matcher(digest.textValue()).matches()) {
                problems.add(at + "[" + k + "]: must be 64 hex digits (printf %s KEY | sha256sum), not a key");
            } else {
                digests.add(HexFormat.of().parseHex(digest.textValue().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        return digests;
    }

    private TenantLimits limits(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return TenantLimits.DEFAULTS;
        }
        if (!node.isObject()) {
            problems.add(at + ": must be an object");
            return TenantLimits.DEFAULTS;
        }
        unknownMembers(node, LIMIT_MEMBERS, at + ".");
        double rps = positive(node, "requests_per_second", at, TenantLimits.DEFAULT_REQUESTS_PER_SECOND, false);
        long perDay = (long) positive(node, "records_per_day", at, TenantLimits.DEFAULT_RECORDS_PER_DAY, true);
        long inProgress = (long) positive(node, "erids_in_progress", at, TenantLimits.DEFAULT_ERIDS_IN_PROGRESS, true);
        long maxRecords = (long) positive(node, "max_number_of_records", at, TenantLimits.DEFAULT_MAX_NUMBER_OF_RECORDS, true);
        if (inProgress > Integer.MAX_VALUE) {
            problems.add(at + ".erids_in_progress: at most " + Integer.MAX_VALUE);
            inProgress = TenantLimits.DEFAULT_ERIDS_IN_PROGRESS;
        }
        return new TenantLimits(rps, perDay, (int) inProgress, maxRecords);
    }

    private double positive(JsonNode limits, String name, String at, double defaultValue, boolean integral) {
        JsonNode value = limits.get(name);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        boolean ok = integral
                ? value.isIntegralNumber() && value.canConvertToLong() && value.longValue() > 0
                : value.isNumber() && value.doubleValue() > 0 && Double.isFinite(value.doubleValue());
        if (!ok) {
            problems.add(at + "." + name + ": must be a positive " + (integral ? "integer" : "number") + ", got " + value);
            return defaultValue;
        }
        return integral ? value.longValue() : value.doubleValue();
    }

    private void unknownMembers(JsonNode object, Set<String> allowed, String prefix) {
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        }
        for (String name : unknown) {
            problems.add(prefix + name + ": unknown member; allowed: " + new TreeSet<>(allowed));
        }
    }
}
