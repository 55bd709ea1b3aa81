package dev.vcon.agent.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundExpressionTest {

  // ---- fixtures: each reads "name" a different way -------------------------------------------

  static final class WithGetter {
    private final String name = "field-not-used";

    public String getName() {
      return "from-getter";
    }
  }

  static final class WithIsGetter {
    private boolean active = false;

    boolean isActive() {
      return true;
    }
  }

  /** isX must return a boolean; otherwise the field wins. */
  static final class WithNonBooleanIs {
    private final String flag = "from-field";

    public String isFlag() {
      return "not-a-boolean";
    }
  }

  static final class WithRecordStyle {
    public String name() {
      return "from-name()";
    }
  }

  static final class WithPrivateField {
    private final String name = "from-private-field";
  }

  static class Base {
    private final String name = "from-inherited-field";
  }

  static final class Derived extends Base {}

  static final class Holder {
    private final Object value;

    Holder(Object value) {
      this.value = value;
    }
  }

  static final class Chain {
    private final Details chainDetails;
    private final String vconId;

    Chain(Details chainDetails, String vconId) {
      this.chainDetails = chainDetails;
      this.vconId = vconId;
    }

    public Details getChainDetails() {
      return chainDetails;
    }
  }

  static final class Details {
    private final String name;

    Details(String name) {
      this.name = name;
    }
  }

  static final class Throwing {
    public String getName() {
      throw new IllegalStateException("boom");
    }
  }

  /** An application's own Map subclass: its own getters still count. */
  static final class CustomMap extends HashMap<String, Object> {
    public String getName() {
      return "from-custom-getter";
    }
  }

  // ---- tests ------------------------------------------------------------------------------------

  private final List<String> problems = new ArrayList<>();

  private BoundExpression bind(String text) {
    return Expression.parse(text).bind(problems::add);
  }

  @Test
  void thisReadsTheReceiverAndArgNReadsTheArgument() {
    Object self = new Object();
    assertThat(bind("this").evaluate(self, new Object[0])).isSameAs(self);
    assertThat(bind("arg1").evaluate(self, new Object[] {"a", "b"})).isEqualTo("b");
  }

  @Test
  void getterIsPreferredOverField() {
    assertThat(bind("this.name").evaluate(new WithGetter(), null)).isEqualTo("from-getter");
  }

  @Test
  void isGetterReadsBooleans() {
    assertThat(bind("this.active").evaluate(new WithIsGetter(), null)).isEqualTo(true);
  }

  @Test
  void isGetterReturningNonBooleanIsSkipped() {
    assertThat(bind("this.flag").evaluate(new WithNonBooleanIs(), null)).isEqualTo("from-field");
  }

  @Test
  void recordStyleAccessorIsUsed() {
    assertThat(bind("this.name").evaluate(new WithRecordStyle(), null)).isEqualTo("from-name()");
  }

  @Test
  void privateFieldIsRead() {
    assertThat(bind("this.name").evaluate(new WithPrivateField(), null))
        .isEqualTo("from-private-field");
  }

  @Test
  void inheritedPrivateFieldIsRead() {
    assertThat(bind("this.name").evaluate(new Derived(), null)).isEqualTo("from-inherited-field");
  }

  @Test
  void mapEntryIsRead() {
    Map<String, Object> map = new HashMap<>();
    map.put("trace_id", "abc");
    assertThat(bind("arg0.trace_id").evaluate(null, new Object[] {map})).isEqualTo("abc");
  }

  @Test
  void mapEntryBeatsJdkMapMembersOfTheSameName() {
    Map<String, Object> map = new HashMap<>();
    map.put("size", "entry");
    map.put("empty", "entry too");
    assertThat(bind("this.size").evaluate(map, null)).isEqualTo("entry");
    assertThat(bind("this.empty").evaluate(map, null)).isEqualTo("entry too");
    assertThat(bind("this.table").evaluate(map, null)).isNull();
    assertThat(problems).isEmpty();
  }

  @Test
  void applicationMapSubclassGettersStillCount() {
    CustomMap map = new CustomMap();
    map.put("name", "entry");
    map.put("other", "entry");
    assertThat(bind("this.name").evaluate(map, null)).isEqualTo("from-custom-getter");
    assertThat(bind("this.other").evaluate(map, null)).isEqualTo("entry");
  }

  @Test
  void nestedMapsAndObjectsChain() {
    Map<String, Object> context = new HashMap<>();
    context.put("inner", new Details("deep"));
    assertThat(bind("this.value.inner.name").evaluate(new Holder(context), null)).isEqualTo("deep");
  }

  @Test
  void jdkInternalClassesAreReadThroughPublicSupertypes() {
    assertThat(bind("this.size").evaluate(List.of(1, 2, 3), null)).isEqualTo(3);
    assertThat(bind("this.empty").evaluate(Collections.emptyList(), null)).isEqualTo(true);
    assertThat(bind("this.bytes").evaluate("ab", null)).isInstanceOf(byte[].class);
    assertThat(problems).isEmpty();
  }

  @Test
  void nullInTheMiddleYieldsNullWithoutAProblem() {
    BoundExpression e = bind("this.chainDetails.name");
    assertThat(e.evaluate(new Chain(null, "v"), null)).isNull();
    assertThat(e.evaluate(null, null)).isNull();
    assertThat(bind("arg0.name").evaluate(null, new Object[] {null})).isNull();
    assertThat(problems).isEmpty();
  }

  @Test
  void getterThenFieldAlongAPath() {
    BoundExpression e = bind("this.chainDetails.name");
    assertThat(e.evaluate(new Chain(new Details("sales"), "v"), null)).isEqualTo("sales");
    assertThat(bind("this.vconId").evaluate(new Chain(null, "uuid-1"), null)).isEqualTo("uuid-1");
  }

  @Test
  void missingStepYieldsNullAndReportsOnceNamingExpressionStepAndClass() {
    BoundExpression e = bind("this.chainDetails.nam");
    Chain chain = new Chain(new Details("x"), "v");
    for (int i = 0; i < 5; i++) {
      assertThat(e.evaluate(chain, null)).isNull();
    }
    assertThat(problems)
        .containsExactly(
            "vcon-otel-agent: expression 'this.chainDetails.nam': step 'nam' matches no getter,"
                + " field or map entry on class "
                + Details.class.getName()
                + "; it yields no value");
  }

  @Test
  void eachBoundExpressionReportsItsOwnProblemOnce() {
    Expression parsed = Expression.parse("this.missing");
    parsed.bind(problems::add).evaluate(new Details("x"), null);
    parsed.bind(problems::add).evaluate(new Details("x"), null);
    assertThat(problems).hasSize(2);
  }

  @Test
  void argumentOutOfRangeYieldsNullAndReportsOnce() {
    BoundExpression e = bind("arg2");
    assertThat(e.evaluate(null, new Object[] {"a"})).isNull();
    assertThat(e.evaluate(null, null)).isNull();
    assertThat(problems)
        .containsExactly(
            "vcon-otel-agent: expression 'arg2': the method has 1 argument(s), so arg2 does not"
                + " exist; it yields no value");
  }

  @Test
  void throwingGetterYieldsNullAndReportsOnce() {
    BoundExpression e = bind("this.name");
    assertThat(e.evaluate(new Throwing(), null)).isNull();
    assertThat(e.evaluate(new Throwing(), null)).isNull();
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains("step 'name'", Throwing.class.getName(), "boom");
  }

  @Test
  void evaluateStringUsesValueOfForNonNullValues() {
    assertThat(bind("arg0").evaluateString(null, new Object[] {42})).isEqualTo("42");
    assertThat(bind("arg0").evaluateString(null, new Object[] {null})).isNull();
  }

  @Test
  void polymorphicReceiversEachUseTheirOwnAccessor() {
    BoundExpression e = bind("arg0.name");
    Map<String, Object> map = new HashMap<>();
    map.put("name", "from-map");
    Object[] receivers = {
      new WithGetter(), new WithRecordStyle(), new WithPrivateField(), new Derived(), map
    };
    String[] expected = {
      "from-getter", "from-name()", "from-private-field", "from-inherited-field", "from-map"
    };
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < receivers.length; i++) {
        assertThat(e.evaluate(null, new Object[] {receivers[i]})).isEqualTo(expected[i]);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void megamorphicSiteStaysCorrectAndBounded() {
    BoundExpression e = bind("this.size");
    Step step = stepOf(e);
    List<Object> receivers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      // Distinct anonymous classes, each answering with its own number.
      final int n = i;
      receivers.add(
          new Object() {
            @SuppressWarnings("unused")
            public int size() {
              return n;
            }
          });
    }
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < receivers.size(); i++) {
        assertThat(e.evaluate(receivers.get(i), null)).isEqualTo(i);
      }
    }
    assertThat(step.resolutions()).as("one anonymous class, resolved once").isEqualTo(1);
    assertThat(problems).isEmpty();
  }

  @Test
  void accessorIsCachedPerReceiverClass() {
    BoundExpression e = bind("this.name");
    Step step = stepOf(e);
    for (int round = 0; round < 3; round++) {
      e.evaluate(new WithGetter(), null);
      e.evaluate(new WithPrivateField(), null);
    }
    assertThat(step.resolutions()).isEqualTo(2);
  }

  @Test
  void concurrentEvaluationOnMixedReceiversIsCorrect() throws Exception {
    BoundExpression e = bind("arg0.name");
    List<String> seen = new CopyOnWriteArrayList<>();
    Map<String, Object> map = new HashMap<>();
    map.put("name", "from-map");
    Object[] receivers = {new WithGetter(), new WithPrivateField(), new Derived(), map};
    String[] expected = {"from-getter", "from-private-field", "from-inherited-field", "from-map"};
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        final int offset = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int wrong = 0;
                  for (int i = 0; i < 20_000; i++) {
                    int k = (i + offset) % receivers.length;
                    Object value = e.evaluate(null, new Object[] {receivers[k]});
                    if (!expected[k].equals(value)) {
                      wrong++;
                      seen.add(String.valueOf(value));
                    }
                  }
                  return wrong;
                }));
      }
      start.countDown();
      for (Future<Integer> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(seen).isEmpty();
    assertThat(problems).isEmpty();
  }

  private static Step stepOf(BoundExpression e) {
    try {
      java.lang.reflect.Field f = BoundExpression.class.getDeclaredField("steps");
      f.setAccessible(true);
      return ((Step[]) f.get(e))[0];
    } catch (ReflectiveOperationException ex) {
      throw new AssertionError(ex);
    }
  }
}
