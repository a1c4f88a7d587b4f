package io.des.pipeline.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.des.model.TenantIds;
import io.des.notify.WebhookSecret;
import io.des.pipeline.jdbc.SqlIdentifiers;
import io.des.pipeline.schedule.CronSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a pipeline file (YAML) into a {@link PipelineFile}, checking it whole: every problem is
 * reported at once with its path in the file ({@code dataSource.extraOptions.port: expected an
 * integer}), unknown keys are refused with the nearest known key suggested, and a variable that is
 * not set is named. Both the canonical layout and the design document's (mappings written as lists
 * of single-key mappings) are read. Nothing is connected to or opened here.
 */
public final class PipelineFileParser {

    /** Names a pipeline's runs, state and ERIDs. */
    public static final Pattern PIPELINE_NAME = Pattern.compile("[a-z0-9_]{1,64}");

    static final Set<String> TOP_KEYS = Set.of("pipelineName", "tenant", "dataSource", "fields_to_enrich", "load",
            "schedule", "destination", "on_failure", "discarded_rows");
    static final Set<String> SOURCE_ROLE_KEYS = Set.of("key", "fields", "fields_mapping", "fields_to_enrich", "parallelism");
    static final Set<String> DESTINATION_ROLE_KEYS = Set.of("batch_size");
    private static final int DEFAULT_PARALLELISM = 4;
    private static final int DEFAULT_BATCH_SIZE = 1000;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private final EnvSecrets secrets;

    /** @param environment where {@code ${NAME}} and {@code ENV_NAME} values come from: {@code System::getenv} */
    public PipelineFileParser(Function<String, String> environment) {
        this.secrets = new EnvSecrets(environment);
    }

    public PipelineFile read(Path file) throws PipelineFileException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new PipelineFileException(file.toString(), List.of("cannot read the file: " + e));
        }
        return relativeTo(parse(text, file.toString()), file.toAbsolutePath().getParent());
    }

    /** File paths written relative in a pipeline file are relative to the file's folder, wherever it is run from. */
    private static PipelineFile relativeTo(PipelineFile pipeline, Path dir) {
        return new PipelineFile(pipeline.name(), pipeline.tenant(),
                new SourceSpec(rebased(pipeline.source().endpoint(), dir), pipeline.source().key(), pipeline.source().fields(),
                        pipeline.source().contactNames(), pipeline.source().parallelism()),
                pipeline.fieldsToEnrich(), pipeline.load(), pipeline.schedule(),
                new DestinationSpec(rebased(pipeline.destination().endpoint(), dir), pipeline.destination().write(),
                        pipeline.destination().batchSize()),
                pipeline.onFailure(), pipeline.discardedRows() == null ? null : resolve(dir, pipeline.discardedRows()));
    }

    private static Endpoint rebased(Endpoint endpoint, Path dir) {
        if (endpoint.path() == null) {
            return endpoint;
        }
        return new Endpoint(endpoint.type(), endpoint.hostname(), endpoint.port(), endpoint.database(), endpoint.user(),
                endpoint.password(), endpoint.url(), endpoint.driver(), endpoint.properties(), endpoint.table(), endpoint.query(),
                resolve(dir, endpoint.path()), endpoint.delimiter());
    }

    /** A path, or a URI with a scheme ({@code s3://…}), which stays as written. */
    private static String resolve(Path dir, String path) {
        return path.matches("[A-Za-z][A-Za-z0-9+.-]*://.*") || dir == null ? path : dir.resolve(path).normalize().toString();
    }

    /** @param fileName names the file in the exception */
    public PipelineFile parse(String text, String fileName) throws PipelineFileException {
        Problems problems = new Problems();
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new PipelineFileException(fileName, List.of("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : "")));
        }
        if (tree == null || !tree.isObject()) {
            throw new PipelineFileException(fileName, List.of("expected a mapping of keys (pipelineName, dataSource, …)"));
        }
        Section root = new Section((ObjectNode) DesignLayout.toMappings(tree, "", problems), "", problems, secrets);
        PipelineFile pipeline = read(root, problems);
        if (!problems.isEmpty()) {
            throw new PipelineFileException(fileName, problems.list());
        }
        return pipeline;
    }

    private PipelineFile read(Section root, Problems problems) {
        root.allowOnly(TOP_KEYS);
        String name = root.requiredString("pipelineName");
        if (name != null && !PIPELINE_NAME.matcher(name).matches()) {
            root.problem("pipelineName", "'" + name + "' must match [a-z0-9_]{1,64}");
        }
        String tenant = root.string("tenant");
        if (tenant == null) {
            tenant = TenantIds.DEFAULT;
        } else if (!TenantIds.isValid(tenant)) {
            root.problem("tenant", "'" + tenant + "' must match [a-z0-9][a-z0-9_-]{0,62}");
        }
        Section sourceSection = root.section("dataSource", true);
        SourceReader sourceReader = new SourceReader(sourceSection);
        SourceSpec source = sourceReader.read(DEFAULT_PARALLELISM);
        List<String> fields = EnrichFields.read(root, sourceReader.fieldsToEnrichSection());
        LoadSpec load = load(root.section("load", false), source);
        CronSchedule schedule = schedule(root);
        DestinationSpec destination = destination(root.section("destination", true), source, load);
        if (destination != null && source != null) {
            DestinationColumns.check(root, source, fields, destination);
        }
        return new PipelineFile(name, tenant, source, fields, load, schedule, destination,
                failureWebhook(root.section("on_failure", false)), root.string("discarded_rows"));
    }

    private static LoadSpec load(Section section, SourceSpec source) {
        section.allowOnly(Set.of("mode", "cursor", "tie_breaker"));
        LoadMode mode = section.choice("mode", LoadMode.class, LoadMode.FULL);
        String cursor = section.string("cursor");
        String tieBreaker = section.string("tie_breaker");
        if (mode == LoadMode.FULL) {
            if (cursor != null || tieBreaker != null) {
                section.problem(cursor != null ? "cursor" : "tie_breaker", "applies to mode: incremental only");
            }
            return LoadSpec.FULL;
        }
        if (source != null && !source.endpoint().type().isDatabase()) {
            section.problem("mode", "incremental loads read from a database; a " + source.endpoint().type().key()
                    + " source is read whole (mode: full)");
        }
        if (cursor == null) {
            section.problem("cursor", "required for mode: incremental (a column that grows whenever a row is written)");
        } else if (!SqlIdentifiers.isName(cursor)) {
            section.problem("cursor", "'" + cursor + "' is not a column name");
        }
        if (tieBreaker == null && source != null && source.key().size() == 1) {
            tieBreaker = source.key().get(0);
        } else if (tieBreaker == null) {
            section.problem("tie_breaker", "required for mode: incremental when the key has several columns"
                    + " (a unique column ordering rows that share a cursor value)");
        } else if (!SqlIdentifiers.isName(tieBreaker)) {
            section.problem("tie_breaker", "'" + tieBreaker + "' is not a column name");
        }
        return new LoadSpec(mode, cursor, tieBreaker);
    }

    private static CronSchedule schedule(Section root) {
        String text = root.string("schedule");
        if (text == null) {
            return null;
        }
        try {
            return CronSchedule.parse(text);
        } catch (IllegalArgumentException e) {
            root.problem("schedule", e.getMessage());
            return null;
        }
    }

    private static DestinationSpec destination(Section section, SourceSpec source, LoadSpec load) {
        section.allowOnly(Set.of("type", "extraOptions", "write"));
        StoreType type = section.choice("type", StoreType.class, null);
        if (type == null) {
            if (!section.has("type")) {
                section.problem("type", "required: one of mysql | mariadb | postgresql | jdbc | csv | parquet");
            }
            return null;
        }
        if (!type.canBeDestination()) {
            section.problem("type", type.key() + " is read only; write to mysql | mariadb | postgresql | jdbc | csv | parquet");
            return null;
        }
        Section options = section.section("extraOptions", true);
        Set<String> known = new HashSet<>(EndpointReader.connectionKeys(type, false));
        if (type.isDatabase()) {
            known.addAll(DESTINATION_ROLE_KEYS);
        }
        Set<String> elsewhere = new HashSet<>(EndpointReader.allConnectionKeys());
        elsewhere.addAll(SOURCE_ROLE_KEYS);
        elsewhere.addAll(DESTINATION_ROLE_KEYS);
        options.allowOnly(known, elsewhere, "a " + type.key() + " destination");
        Endpoint endpoint = EndpointReader.read(options, type, false);
        Integer batchSize = options.integer("batch_size", 1, 100_000);
        WriteMode write = section.choice("write", WriteMode.class, type.isDatabase() ? WriteMode.UPSERT : WriteMode.APPEND);
        if (write == WriteMode.UPSERT && !type.isDatabase()) {
            section.problem("write", "upsert needs a database destination; files take append | replace");
        }
        return new DestinationSpec(endpoint, write, batchSize == null ? DEFAULT_BATCH_SIZE : batchSize);
    }

    private static FailureWebhook failureWebhook(Section section) {
        if (!section.has("webhook") && !section.has("secret")) {
            section.allowOnly(Set.of("webhook", "secret"));
            return null;
        }
        section.allowOnly(Set.of("webhook", "secret"));
        String url = section.requiredString("webhook");
        if (url != null && !url.startsWith("https://") && !url.startsWith("http://")) {
            section.problem("webhook", "expected an http(s) URL");
        }
        String secretText = section.requiredString("secret");
        WebhookSecret secret = null;
        if (secretText != null) {
            try {
                secret = WebhookSecret.parse(secretText);
            } catch (IllegalArgumentException e) {
                section.problem("secret", "not a webhook secret (whsec_ followed by base64 of 24 to 64 bytes)");
            }
        }
        return url == null || secret == null ? null : new FailureWebhook(url, secret);
    }
}
