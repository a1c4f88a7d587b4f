package io.des.pipeline.config;

import io.des.config.NearestName;
import io.des.model.FieldCatalog;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code fields_to_enrich}: at the top of the file, or among the source's options where the
 * design document writes it (not both). Names are normalised as the API does; the design's own
 * name {@code company_email} stands for {@code professional_email}.
 */
final class EnrichFields {

    /** The design document's names for DES fields. */
    static final Map<String, String> DESIGN_NAMES = Map.of("company_email", "professional_email");

    private EnrichFields() {}

    static List<String> read(Section root, Section sourceOptions) {
        boolean top = root.has("fields_to_enrich");
        boolean inSource = sourceOptions.has("fields_to_enrich");
        if (top && inSource) {
            sourceOptions.problem("fields_to_enrich", "given here and at the top of the file; keep one");
        }
        if (!top && !inSource) {
            root.problem("fields_to_enrich", "required: the fields to enrich, among " + FieldCatalog.ENRICHABLE_FIELDS);
            return List.of();
        }
        Section section = top ? root : sourceOptions;
        List<String> names = section.strings("fields_to_enrich");
        Set<String> fields = new LinkedHashSet<>();
        for (int i = 0; names != null && i < names.size(); i++) {
            String name = FieldCatalog.normalise(names.get(i));
            name = DESIGN_NAMES.getOrDefault(name, name);
            if (FieldCatalog.isEnrichableField(name)) {
                fields.add(name);
            } else {
                section.problem("fields_to_enrich[" + i + "]", "'" + names.get(i) + "' is not an enrichable field"
                        + NearestName.among(name, FieldCatalog.ENRICHABLE_FIELDS).map(n -> "; did you mean '" + n + "'?")
                                .orElse("; known: " + FieldCatalog.ENRICHABLE_FIELDS));
            }
        }
        if (names != null && names.isEmpty()) {
            section.problem("fields_to_enrich", "must name at least one field");
        }
        return List.copyOf(fields);
    }
}
