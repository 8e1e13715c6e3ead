package io.capgate.portal.gateway;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bounded pool where connections do their database work, so event loop threads never block. When all
 * threads are busy and the queue is full, {@link #execute} throws {@link RejectedExecutionException} and the
 * connection answers {@code ERROR INTERNAL} (retry later) instead of piling up work.
 */
final class GatewayExecutor implements Executor, AutoCloseable {

  private final ThreadPoolExecutor pool;

  GatewayExecutor(int threads, int queueCapacity) {
    pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity),
        new DefaultThreadFactory("capgate-gateway-db", true), new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(task);
  }

  /** Lets queued work finish for a few seconds, then gives up on it. */
  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
