package io.capgate.model.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Lookup of an enum constant by its explicit wire id. Built in the enum's static initializer, so a duplicate or
 * out-of-range id fails the first use of the enum instead of silently shadowing a constant on the wire.
 */
final class WireIds<E extends Enum<E>> {

    private final Map<Integer, E> byId;

    private WireIds(Map<Integer, E> byId) {
        this.byId = Map.copyOf(byId);
    }

    /**
     * @throws IllegalStateException if two constants share an id or an id is outside {@code 0..maxId}
     */
    static <E extends Enum<E>> WireIds<E> index(E[] constants, ToIntFunction<E> wireId, int maxId) {
        Map<Integer, E> byId = new HashMap<>();
        for (E constant : constants) {
            int id = wireId.applyAsInt(constant);
            if (id < 0 || id > maxId) {
                throw new IllegalStateException(constant.getDeclaringClass().getSimpleName() + "." + constant.name()
                        + " has wire id " + id + ", outside 0.." + maxId);
            }
            E previous = byId.putIfAbsent(id, constant);
            if (previous != null) {
                throw new IllegalStateException(constant.getDeclaringClass().getSimpleName() + "." + constant.name()
                        + " reuses wire id 0x" + Integer.toHexString(id) + " of " + previous.name());
            }
        }
        return new WireIds<>(byId);
    }

    Optional<E> find(int id) {
        return Optional.ofNullable(byId.get(id));
    }
}
