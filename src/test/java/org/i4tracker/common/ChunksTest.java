package org.i4tracker.common;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChunksTest {

    @Test
    void slicesInOrderWithAShorterLastSlice() {
        assertEquals(List.of(List.of(1, 2), List.of(3, 4), List.of(5)), Chunks.of(List.of(1, 2, 3, 4, 5), 2));
        assertEquals(List.of(List.of(1, 2, 3)), Chunks.of(List.of(1, 2, 3), 3));
        assertEquals(List.of(), Chunks.of(List.of(), 500));
        assertEquals("size", assertThrows(DomainException.class, () -> Chunks.of(List.of(1), 0)).errors().get(0).field());
    }
}
