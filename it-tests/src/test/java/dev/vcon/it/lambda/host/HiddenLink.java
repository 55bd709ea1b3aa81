package dev.vcon.it.lambda.host;

/**
 * Never loaded as a normal class: {@link LambdaLinksMain} reads these bytes and defines them as a
 * hidden class, as code generators and scripting engines do.
 */
final class HiddenLink implements LambdaLinksMain.Link {

  public HiddenLink() {}

  @Override
  public String apply(String vconId, String name) {
    return name + "[" + vconId + "]";
  }
}
