package io.des.local.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sandbox's "database": plausible, deterministic values derived from the contact itself, so
 * that tests can predict answers and repeated lookups agree.
 *
 * <p>Hashes are SHA-256 based rather than {@link String#hashCode()}, so values do not depend on the
 * JVM and barely correlate between fields.
 */
public final class SandboxProfiles {

    static final List<String> JOB_TITLES = List.of(
            "Software Engineer", "Head of Marketing", "Sales Manager", "Data Analyst", "Chief Financial Officer",
            "Product Manager", "Operations Director", "Account Executive");
    static final List<String> SENIORITIES = List.of("entry", "senior", "manager", "director", "vp", "c_level");
    static final List<String> INDUSTRIES = List.of(
            "Software", "Financial Services", "Healthcare", "Retail", "Manufacturing", "Education");
    static final List<String> COMPANY_SIZES = List.of("1-10", "11-50", "51-200", "201-1000", "1001-5000", "5001+");
    static final List<String> PERSONAL_DOMAINS = List.of("gmail.com", "outlook.com", "proton.me", "yahoo.com");

    private SandboxProfiles() {}

    /**
     * The values the sandbox knows for {@code fields}; a field it cannot derive (e.g. an email for a
     * contact without a name) is absent, as is any field it does not know.
     */
    public static Map<String, String> lookup(Map<String, String> contact, List<String> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : fields) {
            String value = valueOf(contact, field);
            if (value != null) {
                values.put(field, value);
            }
        }
        return values;
    }

    /** The professional email, {@code first.last@domain}, or null without a name or a company. */
    public static String professionalEmail(Map<String, String> contact) {
        String[] name = name(contact);
        String domain = companyDomain(contact);
        return name == null || domain == null ? null : name[0] + "." + name[1] + "@" + domain;
    }

    /**
     * {@code company_domain} if given, else the company name slugified plus ".com" (or as is when it
     * already contains a dot, such as "acme.io"); null without either.
     */
    public static String companyDomain(Map<String, String> contact) {
        String domain = contact.get("company_domain");
        if (domain != null && !domain.isBlank()) {
            return domain.trim().toLowerCase(Locale.ROOT);
        }
        String company = contact.get("company_name");
        if (company == null || company.isBlank()) {
            return null;
        }
        if (company.contains(".")) {
            return company.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
        }
        String slug = slug(company, "-");
        return slug.isEmpty() ? null : slug + ".com";
    }

    /** A stable 64-bit hash of the contact (attribute order does not matter) and a salt. */
    public static long stableHash(Map<String, String> contact, String salt) {
        StringBuilder canonical = new StringBuilder(salt).append('\n');
        new TreeMap<>(contact).forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            long hash = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                hash = (hash << 8) | (digest[i] & 0xff);
            }
            return hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }

    private static String valueOf(Map<String, String> contact, String field) {
        String[] name = name(contact);
        long h = stableHash(contact, field);
        switch (field) {
            case "professional_email":
                return professionalEmail(contact);
            case "personal_email":
                return name == null ? null
                        : name[0] + "." + name[1] + Math.floorMod(h, 100) + "@" + pick(PERSONAL_DOMAINS, h >>> 8);
            case "phone_number":
            case "mobile_phone":
                return phoneNumber(h);
            case "job_title":
                return pick(JOB_TITLES, h);
            case "seniority":
                return pick(SENIORITIES, h);
            case "company_industry":
                return companyDomain(contact) == null ? null : pick(INDUSTRIES, h);
            case "company_size":
                return companyDomain(contact) == null ? null : pick(COMPANY_SIZES, h);
            case "linkedin_url":
                return name == null ? null : "https://www.linkedin.com/in/" + name[0] + "-" + name[1] + "-"
                        + String.format(Locale.ROOT, "%04x", Math.floorMod(h, 0x10000));
            default:
                return null;
        }
    }

    /** A North American number, {@code +1NXXNXXXXXX}, valid in form though not in service. */
    private static String phoneNumber(long hash) {
        long h = hash & Long.MAX_VALUE;
        long area = 200 + h % 800;
        long exchange = 200 + (h / 800) % 800;
        long line = (h / 640_000) % 10_000;
        return String.format(Locale.ROOT, "+1%03d%03d%04d", area, exchange, line);
    }

    /** Lower-case first and last name as email-safe slugs, or null when the contact has none. */
    private static String[] name(Map<String, String> contact) {
        String first = contact.getOrDefault("first_name", "");
        String last = contact.getOrDefault("last_name", "");
        String full = contact.get("full_name");
        if ((first.isBlank() || last.isBlank()) && full != null) {
            String[] parts = full.trim().split("\\s+");
            if (parts.length >= 2) {
                first = first.isBlank() ? parts[0] : first;
                last = last.isBlank() ? parts[parts.length - 1] : last;
            }
        }
        String firstSlug = slug(first, "");
        String lastSlug = slug(last, "");
        return firstSlug.isEmpty() || lastSlug.isEmpty() ? null : new String[] {firstSlug, lastSlug};
    }

    private static String slug(String text, String separator) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).trim()
                .replaceAll("[^a-z0-9]+", separator.isEmpty() ? "" : separator)
                .replaceAll("^-+|-+$", "");
    }

    private static String pick(List<String> options, long hash) {
        return options.get((int) Math.floorMod(hash, (long) options.size()));
    }
}
