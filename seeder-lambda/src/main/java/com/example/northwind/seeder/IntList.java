package com.example.northwind.seeder;

import java.util.Arrays;

/** A growing list of ints (line numbers, ordinals) without a boxed Integer per element. */
final class IntList {
    private int[] values = new int[16];
    private int size;

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return values[index];
    }

    int size() {
        return size;
    }
}
