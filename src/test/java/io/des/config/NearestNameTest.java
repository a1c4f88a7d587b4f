package io.des.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NearestNameTest {

    @Test
    void suggestsANearMissAndNothingForAStranger() {
        List<String> known = List.of("extraOptions", "type", "write");
        assertEquals(Optional.of("extraOptions"), NearestName.among("extraoption", known));
        assertEquals(Optional.of("type"), NearestName.among("tpye", known));
        assertEquals(Optional.empty(), NearestName.among("hostname", known));
    }

    @Test
    void distanceIsLevenshteins() {
        assertEquals(3, NearestName.distance("kitten", "sitting"));
        assertEquals(0, NearestName.distance("a", "a"));
        assertEquals(4, NearestName.distance("", "abcd"));
    }
}
