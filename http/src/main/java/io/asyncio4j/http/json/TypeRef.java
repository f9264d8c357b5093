package io.asyncio4j.http.json;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A generic type as a value, for reading JSON into it: {@code new TypeRef<List<Item>>() {}} captures
 * {@code List<Item>}, which {@code List.class} cannot say. The anonymous subclass keeps its type argument in its
 * class file, and this constructor reads it back (the technique of Jackson's {@code TypeReference} and Gson's
 * {@code TypeToken}, without their types in this API). Typed, so no cast or unchecked call is needed:
 * <pre>{@code
 * List<Item> items = request.json(new TypeRef<List<Item>>() {}).await();
 * Map<String, List<Integer>> m = resp.json(new TypeRef<Map<String, List<Integer>>>() {}).await();
 * }</pre>
 * Immutable and thread-safe: a constant ({@code static final TypeRef<List<Item>> ITEMS = new TypeRef<>() {};})
 * serves every request.
 *
 * @param <T> the type captured
 */
public abstract class TypeRef<T> {
    private final Type type;

    /**
     * Captures the type argument of the anonymous (or other direct) subclass being created.
     *
     * @throws IllegalStateException if the subclass gives no type argument ({@code new TypeRef() {}}, a raw type)
     *                               or does not extend this class directly
     */
    protected TypeRef() {
        Type s = getClass().getGenericSuperclass();
        if (!(s instanceof ParameterizedType p) || p.getRawType() != TypeRef.class) {
            throw new IllegalStateException("a TypeRef needs its type argument, given by a direct subclass: "
                    + "new TypeRef<List<Item>>() {}");
        }
        type = p.getActualTypeArguments()[0];
    }

    /**
     * The captured type, as a {@link JsonCodec} takes it.
     *
     * @return the type: a {@link ParameterizedType} for {@code List<Item>}, a {@link Class} for {@code Item}
     */
    public final Type type() {
        return type;
    }

    /** Equal to another {@code TypeRef} of the same type. */
    @Override
    public final boolean equals(Object o) {
        return o instanceof TypeRef<?> r && type.equals(r.type);
    }

    @Override
    public final int hashCode() {
        return type.hashCode();
    }

    /** {@code TypeRef<java.util.List<Item>>}. */
    @Override
    public String toString() {
        return "TypeRef<" + type.getTypeName() + ">";
    }
}
