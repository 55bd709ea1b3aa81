package dev.vcon.agent.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lowest settings layer: the sample app's names, so the demo runs with no configuration. A user
 * who points {@code vcon.agent.chain.methods} at their own class keeps these expressions unless
 * they set them too.
 */
final class BuiltInDefaults {

  static final Map<String, String> VALUES;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(AgentConfig.ENABLED, "true");
    m.put(AgentConfig.INSTANCE_ID_FORMAT, InstanceIdFormat.HOST_PID.text());
    m.put(AgentConfig.SHUTDOWN_TIMEOUT, "5s");
    m.put(AgentConfig.START_DELAY, "1s");
    m.put(AgentConfig.DRAIN_TIMEOUT, "10s");

    m.put(Role.CHAIN.key(RoleConfig.METHODS), "dev.vcon.sample.chain.ChainRequest#process");
    m.put(Role.CHAIN.key(RoleConfig.NAME), "this.chainDetails.name");
    m.put(Role.CHAIN.key(RoleConfig.VCON_ID), "this.vconId");
    m.put(Role.CHAIN.key(RoleConfig.CONTEXT), "this.context");

    m.put(Role.LINK.key(RoleConfig.METHODS), "dev.vcon.sample.link.Link#run");
    m.put(Role.LINK.key(RoleConfig.NAME), "arg1");
    m.put(Role.LINK.key(RoleConfig.VCON_ID), "arg0");
    m.put(Role.LINK.key(RoleConfig.INDEX), "arg2");

    m.put(Role.STORAGE.key(RoleConfig.METHODS), "dev.vcon.sample.storage.Storage#save");
    m.put(Role.STORAGE.key(RoleConfig.NAME), "this.name");
    m.put(Role.STORAGE.key(RoleConfig.VCON_ID), "arg0");
    VALUES = Collections.unmodifiableMap(m);
  }

  private BuiltInDefaults() {}
}
