package dev.fisengine.aws.infra.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * A Describe API's output as {@code TargetResource.attributes}: nested maps and lists keyed by the API model's member
 * names in PascalCase (FIS's filter paths are PascalCase even where the wire format is camelCase, as in ECS and EKS),
 * scalars as they are (strings, numbers, booleans), timestamps as ISO-8601 strings. Members the response did not
 * carry are left out.
 */
public final class Attributes {
    private Attributes() {}

    public static Map<String, Object> of(SdkPojo pojo) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = convert(field.getValueOrDefault(pojo));
            if (value != null) {
                out.put(pascal(field.memberName()), value);
            }
        }
        return out;
    }

    static Object convert(Object value) {
        if (value == null || value instanceof SdkBytes) {
            return null;
        }
        if (value instanceof SdkPojo p) {
            return of(p);
        }
        if (value instanceof Collection<?> c) {
            if (c instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>) {
                return null;
            }
            List<Object> list = new ArrayList<>(c.size());
            for (Object o : c) {
                Object v = convert(o);
                if (v != null) {
                    list.add(v);
                }
            }
            return list;
        }
        if (value instanceof Map<?, ?> m) {
            if (m instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap<?, ?>) {
                return null;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                Object c = convert(v);
                if (c != null) {
                    map.put(String.valueOf(k), c);
                }
            });
            return map;
        }
        if (value instanceof Instant i) {
            return i.toString();
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return value.toString();
    }

    static String pascal(String name) {
        if (name == null || name.isEmpty() || Character.isUpperCase(name.charAt(0))) {
            return name;
        }
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
