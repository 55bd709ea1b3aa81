package dev.vcon.it.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns OTLP attribute values into plain Java values that read well in assertions. */
public final class AnyValues {
  private static final HexFormat HEX = HexFormat.of();

  private AnyValues() {}

  /**
   * String, Boolean, Long, Double, List (arrays), Map (kvlists), byte[] (bytes), or null when
   * unset. Integers stay Long so {@code attributes.get("n")} compares with {@code 3L}.
   */
  public static Object toJava(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return value.getStringValue();
      case BOOL_VALUE:
        return value.getBoolValue();
      case INT_VALUE:
        return value.getIntValue();
      case DOUBLE_VALUE:
        return value.getDoubleValue();
      case ARRAY_VALUE:
        List<Object> list = new ArrayList<>();
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          list.add(toJava(element));
        }
        return Collections.unmodifiableList(list);
      case KVLIST_VALUE:
        return attributes(value.getKvlistValue().getValuesList());
      case BYTES_VALUE:
        return value.getBytesValue().toByteArray();
      case VALUE_NOT_SET:
        return null;
      default:
        // Dictionary-encoded values (profiles) never occur in trace/metric/log exports.
        return value.toString();
    }
  }

  /** Attributes in sent order; unmodifiable. Values as by {@link #toJava}. */
  public static Map<String, Object> attributes(List<KeyValue> keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue kv : keyValues) {
      map.put(kv.getKey(), toJava(kv.getValue()));
    }
    return Collections.unmodifiableMap(map);
  }

  /** Lower-case hex of a trace or span id; empty for an absent id. */
  public static String hex(ByteString id) {
    return id.isEmpty() ? "" : HEX.formatHex(id.toByteArray());
  }
}
