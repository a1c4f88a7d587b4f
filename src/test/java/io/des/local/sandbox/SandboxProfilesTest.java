package io.des.local.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxProfilesTest {

    private static final List<String> ALL_FIELDS = List.of(
            "professional_email", "personal_email", "phone_number", "mobile_phone", "job_title", "seniority",
            "linkedin_url", "company_industry", "company_size");

    @Test
    void professionalEmailPrefersTheGivenCompanyDomain() {
        Map<String, String> contact = Map.of(
                "first_name", "Ada", "last_name", "Lovelace", "company_name", "Acme", "company_domain", "Analytical.ORG");

        assertEquals("ada.lovelace@analytical.org", SandboxProfiles.professionalEmail(contact));
    }

    @Test
    void professionalEmailSlugifiesTheCompanyNameWhenNoDomainIsGiven() {
        Map<String, String> contact = Map.of("first_name", "Zoë", "last_name", "O'Neil", "company_name", "Société Générale");

        assertEquals("zoe.oneil@societe-generale.com", SandboxProfiles.professionalEmail(contact));
    }

    @Test
    void companyNameContainingADotIsAlreadyADomain() {
        Map<String, String> contact = Map.of("full_name", "Grace Brewster Hopper", "company_name", "Navy.mil");

        assertEquals("grace.hopper@navy.mil", SandboxProfiles.professionalEmail(contact));
    }

    @Test
    void answersDoNotDependOnAttributeOrder() {
        Map<String, String> forwards = new LinkedHashMap<>();
        forwards.put("first_name", "Alan");
        forwards.put("last_name", "Turing");
        forwards.put("company_domain", "bletchley.uk");
        Map<String, String> backwards = new LinkedHashMap<>();
        backwards.put("company_domain", "bletchley.uk");
        backwards.put("last_name", "Turing");
        backwards.put("first_name", "Alan");

        Map<String, String> answer = SandboxProfiles.lookup(forwards, ALL_FIELDS);

        assertEquals(ALL_FIELDS, List.copyOf(answer.keySet()));
        assertEquals(answer, SandboxProfiles.lookup(backwards, ALL_FIELDS));
    }

    @Test
    void differentContactsGetDifferentPhoneNumbers() {
        Map<String, String> alan = Map.of("first_name", "Alan", "last_name", "Turing");
        Map<String, String> ada = Map.of("first_name", "Ada", "last_name", "Lovelace");

        String alansPhone = SandboxProfiles.lookup(alan, List.of("phone_number")).get("phone_number");

        assertTrue(alansPhone.matches("\\+1[2-9]\\d{2}[2-9]\\d{6}"), alansPhone);
        assertNotEquals(alansPhone, SandboxProfiles.lookup(ada, List.of("phone_number")).get("phone_number"));
    }

    @Test
    void contactWithoutNameHasNoPersonalFieldsButStillHasCompanyFields() {
        Map<String, String> companyOnly = Map.of("company_name", "Acme");

        Map<String, String> answer = SandboxProfiles.lookup(companyOnly, ALL_FIELDS);

        assertNull(answer.get("professional_email"));
        assertNull(answer.get("linkedin_url"));
        assertTrue(SandboxProfiles.INDUSTRIES.contains(answer.get("company_industry")), answer::toString);
        assertFalse(answer.containsKey("personal_email"));
    }

    @Test
    void unknownFieldsAreNotAnswered() {
        Map<String, String> answer = SandboxProfiles.lookup(Map.of("first_name", "A", "last_name", "B"), List.of("shoe_size"));

        assertTrue(answer.isEmpty());
    }
}
