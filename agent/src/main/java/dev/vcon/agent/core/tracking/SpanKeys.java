package dev.vcon.agent.core.tracking;

import io.opentelemetry.api.common.AttributeKey;

/**
 * Span attribute keys, conserver's names, created once: {@code setAttribute(String, ...)} would
 * allocate a key on every call.
 */
final class SpanKeys {

  static final AttributeKey<String> VCON_ID = AttributeKey.stringKey("vcon_id");
  static final AttributeKey<String> VCON_UUID = AttributeKey.stringKey("vcon.uuid");
  static final AttributeKey<String> CHAIN_NAME = AttributeKey.stringKey("chain_name");
  static final AttributeKey<String> LINK_NAME = AttributeKey.stringKey("link_name");
  static final AttributeKey<Long> LINK_INDEX = AttributeKey.longKey("link_index");
  static final AttributeKey<String> LINK_INDEX_TEXT = AttributeKey.stringKey("link_index");
  static final AttributeKey<String> STORAGE_NAME = AttributeKey.stringKey("storage_name");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");

  private SpanKeys() {}
}
