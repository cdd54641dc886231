package dev.abkit.http.log;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

    @Test
    void a_callers_id_of_safe_characters_up_to_64_is_kept() {
        for (String id : new String[]{"a", "abc-123_X.y:z", "0".repeat(64), "3f2504e0-4f89-11d3-9a0c-0305e82c3301"}) {
            assertThat(RequestIds.keptOrNew(id)).isEqualTo(id);
        }
    }

    @Test
    void anything_else_is_replaced_by_a_new_id() {
        for (String id : new String[]{null, "", "0".repeat(65), "two words", "new\nline", "quote\"", "grüße", "a/b", "x;y"}) {
            assertThat(RequestIds.keptOrNew(id)).as("'%s'", id).matches("[0-9a-f]{16}");
        }
    }

    @Test
    void new_ids_are_16_hex_digits_and_do_not_repeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = RequestIds.next();
            assertThat(id).matches("[0-9a-f]{16}");
            ids.add(id);
        }
        assertThat(ids).hasSize(100_000);
    }
}
