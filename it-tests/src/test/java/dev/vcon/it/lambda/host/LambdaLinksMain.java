package dev.vcon.it.lambda.host;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * A host whose links are not ordinary classes: a lambda, a method reference, a {@code
 * java.lang.reflect.Proxy} and a hidden class it defines itself ({@link HiddenLink}'s bytes, never
 * loaded as a normal class); one storage is a lambda too, and another an ordinary class. Its stdout
 * depends only on what it computes, so runs with and without the agent compare byte for byte.
 */
public final class LambdaLinksMain {

  /** The link type: the name is the second argument, the vCon id the first. */
  public interface Link {
    String apply(String vconId, String name);
  }

  /** The storage type, named by {@code this.label}, which a lambda does not have. */
  public interface Store {
    String save(String vconId);
  }

  /** The chain: runs each named link, then each storage. */
  public static final class Pipeline {
    private final List<String> names = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final List<Store> stores = new ArrayList<>();

    Pipeline link(String name, Link link) {
      names.add(name);
      links.add(link);
      return this;
    }

    Pipeline store(Store store) {
      stores.add(store);
      return this;
    }

    public String process(String chainName, String vconId) {
      StringBuilder out = new StringBuilder(chainName).append(' ').append(vconId);
      for (int i = 0; i < links.size(); i++) {
        out.append(' ').append(links.get(i).apply(vconId, names.get(i)));
      }
      for (Store store : stores) {
        out.append(' ').append(store.save(vconId));
      }
      return out.toString();
    }
  }

  /** An ordinary storage class, which has the label its expression reads. */
  static final class LabelledStore implements Store {
    final String label = "labelled";

    @Override
    public String save(String vconId) {
      return "stored(" + vconId + ")";
    }
  }

  private LambdaLinksMain() {}

  static String shout(String vconId, String name) {
    return name + ":" + vconId.toUpperCase(java.util.Locale.ROOT);
  }

  public static void main(String[] args) throws Throwable {
    int runs = Integer.parseInt(args[0]);
    String suffix = "!";
    Pipeline pipeline =
        new Pipeline()
            .link("lambda", (vconId, name) -> name + ":" + vconId + suffix)
            .link("method-ref", LambdaLinksMain::shout)
            .link("proxy", proxyLink())
            .link("hidden", hiddenLink())
            .store(vconId -> "kept(" + vconId + ")")
            .store(new LabelledStore());
    for (int i = 1; i <= runs; i++) {
      System.out.println(pipeline.process("lambdas", "v-" + i));
    }
    System.out.println("done runs=" + runs);
  }

  private static Link proxyLink() {
    return (Link)
        Proxy.newProxyInstance(
            Link.class.getClassLoader(),
            new Class<?>[] {Link.class},
            (proxy, method, methodArgs) ->
                method.getName().equals("apply")
                    ? methodArgs[1] + "<" + methodArgs[0] + ">"
                    : method.invoke(new Object(), methodArgs));
  }

  /** Defines {@link HiddenLink} as a hidden class: such a class never passes a transformer. */
  private static Link hiddenLink() throws Throwable {
    byte[] bytes;
    try (InputStream in =
        LambdaLinksMain.class.getResourceAsStream(
            "/" + LambdaLinksMain.class.getPackageName().replace('.', '/') + "/HiddenLink.class")) {
      if (in == null) {
        throw new IOException("HiddenLink.class not on the class path");
      }
      bytes = in.readAllBytes();
    }
    MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClass(bytes, true);
    return (Link)
        hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
  }
}
