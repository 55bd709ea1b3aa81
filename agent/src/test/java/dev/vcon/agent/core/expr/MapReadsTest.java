package dev.vcon.agent.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An expression step that reads a map entry leaves the host's map exactly as it was. */
class MapReadsTest {

  /** A map that fills in a default on get, as some hosts' context maps do. */
  static final class DefaultingMap extends HashMap<String, Object> {
    @Override
    public Object get(Object key) {
      return computeIfAbsent((String) key, k -> "default");
    }
  }

  private final List<String> problems = new ArrayList<>();

  @Test
  void readingAnAccessOrderedLinkedHashMapKeepsItsOrder() {
    Map<String, Object> lru = new LinkedHashMap<>(16, 0.75f, true);
    lru.put("name", "main");
    lru.put("other", "x");
    BoundExpression e = Expression.parse("arg0.name").bind(problems::add);

    assertThat(e.evaluate(null, new Object[] {lru})).isEqualTo("main");
    assertThat(lru.keySet()).containsExactly("name", "other");
  }

  @Test
  void readingAMapThatFillsInDefaultsInsertsNothing() {
    DefaultingMap map = new DefaultingMap();
    map.put("other", "x");
    BoundExpression e = Expression.parse("arg0.name").bind(problems::add);

    assertThat(e.evaluate(null, new Object[] {map})).isNull();
    assertThat(map).containsOnlyKeys("other");
  }

  @Test
  void peekReturnsHeldValuesIncludingNull() {
    Map<String, Object> map = new HashMap<>();
    map.put("a", 1);
    map.put("n", null);
    assertThat(MapReads.peek(map, "a")).isEqualTo(1);
    assertThat(MapReads.peek(map, "n")).isNull();
    assertThat(MapReads.peek(map, "missing")).isNull();
  }
}
