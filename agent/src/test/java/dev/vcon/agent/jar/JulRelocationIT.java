package dev.vcon.agent.jar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.core.logging.PatchLogger;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar's bundled libraries call {@link PatchLogger} instead of {@code
 * java.util.logging.Logger}, and only members it has: a library update that calls one more Logger
 * method would otherwise fail with NoSuchMethodError on an export thread.
 */
class JulRelocationIT {
  private static final Path JAR = Paths.get("target", "vcon-otel-agent.jar");
  private static final String PATCH = "dev/vcon/agent/core/logging/PatchLogger";
  private static final String JUL_LOGGER = "java/util/logging/Logger";

  private static final Set<String> patchRefs = new TreeSet<>();
  private static final Set<String> julRefs = new TreeSet<>();

  @BeforeAll
  static void scanJar() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      for (JarEntry entry : Collections.list(jar.entries())) {
        if (!entry.getName().endsWith(".classdata") || entry.getName().contains(PATCH)) {
          continue;
        }
        try (InputStream in = jar.getInputStream(entry)) {
          for (String ref : memberRefs(in.readAllBytes())) {
            if (ref.startsWith(PATCH + ".")) {
              patchRefs.add(ref.substring(PATCH.length() + 1));
            } else if (ref.startsWith(JUL_LOGGER + ".")) {
              julRefs.add(ref);
            }
          }
        }
      }
    }
  }

  @Test
  void noBundledClassCallsJulLoggerDirectly() {
    assertThat(julRefs).isEmpty();
  }

  @Test
  void everyPatchLoggerMemberTheLibrariesCallExists() {
    assertThat(patchRefs).as("the scan found the SDK's logger calls").isNotEmpty();
    Set<String> declared = new TreeSet<>();
    for (Method m : PatchLogger.class.getMethods()) {
      String descriptor =
          MethodType.methodType(m.getReturnType(), m.getParameterTypes())
              .toMethodDescriptorString();
      declared.add(m.getName() + ":" + descriptor);
    }
    assertThat(declared).containsAll(patchRefs);
  }

  /** "owner.name:descriptor" of every Methodref and InterfaceMethodref in a class file. */
  static List<String> memberRefs(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    in.readInt();
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] first = new int[count];
    int[] second = new int[count];
    int[] tags = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      tags[i] = tag;
      switch (tag) {
        case 1:
          utf8[i] = in.readUTF();
          break;
        case 7:
        case 8:
        case 16:
        case 19:
        case 20:
          first[i] = in.readUnsignedShort();
          break;
        case 15:
          in.readUnsignedByte();
          first[i] = in.readUnsignedShort();
          break;
        case 3:
        case 4:
          in.readInt();
          break;
        case 5:
        case 6:
          in.readLong();
          i++;
          break;
        case 9:
        case 10:
        case 11:
        case 12:
        case 17:
        case 18:
          first[i] = in.readUnsignedShort();
          second[i] = in.readUnsignedShort();
          break;
        default:
          throw new IOException("unknown constant pool tag " + tag);
      }
    }
    List<String> refs = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      if (tags[i] == 10 || tags[i] == 11) {
        String owner = utf8[first[first[i]]];
        int nameAndType = second[i];
        refs.add(owner + "." + utf8[first[nameAndType]] + ":" + utf8[second[nameAndType]]);
      }
    }
    return refs;
  }
}
