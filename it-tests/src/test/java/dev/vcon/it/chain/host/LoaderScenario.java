package dev.vcon.it.chain.host;

import dev.vcon.it.chain.host.BlobStore.CachedBlobStore;
import dev.vcon.it.chain.host.Links.ArchiveLink;
import dev.vcon.it.chain.host.Links.CollectingLink;
import dev.vcon.it.chain.host.Links.TagLink;
import dev.vcon.it.chain.host.Storages.ListStorage;
import dev.vcon.it.chain.host.Storages.MemoryStorage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One chain run per class-loader variant, called reflectively by {@code LoaderMain} after it loaded
 * this class (and with it every host class) through the variant's loader. Chain name {@code
 * loader-<variant>}, vCon id {@code Ids.uuid("loader-<variant>")}.
 */
public final class LoaderScenario {
  private LoaderScenario() {}

  public static String run(String variant) throws Exception {
    String chain = "loader-" + variant;
    String vconId = Ids.uuid(chain);
    ExecutorService executor =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "storage-writer-" + variant));
    try {
      CollectingLink<String> collect = new CollectingLink<>(new ArrayList<>(List.of(variant)));
      ListStorage list = new ListStorage("list", Collections.synchronizedList(new ArrayList<>()));
      ChainRequest request =
          new ChainRequest(
                  vconId,
                  new ChainDetails(chain),
                  "00-" + ChainHostMain.T3 + "-" + ChainHostMain.S3 + "-01")
              .link("tag", new TagLink())
              .link("collect", collect)
              .link("archive", new ArchiveLink(new CachedBlobStore("blob")))
              .store(new MemoryStorage("mem"))
              .storeAsync(list, executor);
      String result = request.process();
      Checks.equal(chain + ".result", "completed:" + vconId + ":3", result);
      Checks.same(chain + ".collect-result-identity", collect.items(), request.linkResults.get(1));
      Checks.equal(
          chain + ".async-storage", List.of(vconId + ":storage-writer-" + variant), list.saved());
      return result;
    } finally {
      executor.shutdown();
      executor.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
