package dev.vcon.it.lambda;

/** {@link LambdaLinksBesideOfficialAgentIT} with our {@code -javaagent} first. */
class LambdaLinksBesideOfficialAgentOursFirstIT extends LambdaLinksBesideOfficialAgentIT {

  @Override
  boolean officialFirst() {
    return false;
  }
}
