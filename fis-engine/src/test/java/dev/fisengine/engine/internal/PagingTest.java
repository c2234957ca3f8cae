package dev.fisengine.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.engine.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PagingTest {
    @Test
    void pagesContinueAfterTheLastKeyEvenWhenItemsAreRemoved() {
        List<String> items = new ArrayList<>(List.of("a", "b", "c", "d", "e"));
        Page<String> p1 = Paging.page(items, Function.identity(), Function.identity(), 2, null);
        assertThat(p1.items()).containsExactly("a", "b");
        items.remove("b");
        items.remove("c");
        Page<String> p2 = Paging.page(items, Function.identity(), Function.identity(), 2, p1.nextToken());
        assertThat(p2.items()).containsExactly("d", "e");
        assertThat(p2.nextToken()).isNull();
        assertThat(p2.hasNext()).isFalse();
    }

    @Test
    void anExactFitHasNoNextToken() {
        Page<String> p = Paging.page(List.of("a", "b"), Function.identity(), Function.identity(), 2, null);
        assertThat(p.nextToken()).isNull();
    }

    @Test
    void boundsAndTokensAreValidated() {
        assertThatThrownBy(() -> Paging.page(List.of(), Function.identity(), Function.identity(), 101, null))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Paging.page(List.of(), Function.identity(), Function.identity(), null, "Zm9v"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Zm9v");
        assertThat(Paging.page(List.of("x"), Function.identity(), Function.identity(), null, null).items())
                .containsExactly("x");
    }
}
