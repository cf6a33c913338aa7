package dev.datafactory.console.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The last {@code capacity} items, oldest first; adding to a full buffer overwrites the oldest.
 * Bounds the memory of a log view that runs for days. Not thread-safe: the FX thread owns it.
 */
public final class RingBuffer<T> {

    private final Object[] slots;
    private int start;
    private int size;

    public RingBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        slots = new Object[capacity];
    }

    /** Adds an item; returns true when the oldest one was dropped to make room. */
    public boolean add(T item) {
        int capacity = slots.length;
        if (size < capacity) {
            slots[(start + size) % capacity] = item;
            size++;
            return false;
        }
        slots[start] = item;
        start = (start + 1) % capacity;
        return true;
    }

    @SuppressWarnings("unchecked") // only T is ever stored in slots
    public T get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return (T) slots[(start + index) % slots.length];
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return slots.length;
    }

    public void clear() {
        java.util.Arrays.fill(slots, null);
        start = 0;
        size = 0;
    }

    /** The matching items, oldest first, at most the newest {@code max} of them. */
    public List<T> filter(Predicate<? super T> predicate, int max) {
        List<T> result = new ArrayList<>();
        for (int i = size - 1; i >= 0 && result.size() < max; i--) {
            T item = get(i);
            if (predicate.test(item)) {
                result.add(item);
            }
        }
        java.util.Collections.reverse(result);
        return result;
    }
}
