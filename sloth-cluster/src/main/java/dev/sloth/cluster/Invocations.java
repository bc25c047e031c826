package dev.sloth.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.executor.impl.DistributedExecutorService;
import com.hazelcast.executor.impl.operations.MemberCallableTaskOperation;
import com.hazelcast.internal.nio.DataReader;
import com.hazelcast.internal.nio.DataWriter;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.util.UuidUtil;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.proxy.MapProxyImpl;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import com.hazelcast.spi.impl.AbstractDistributedObject;
import com.hazelcast.spi.impl.NodeEngine;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

/**
 * The two invocations on the path of every node, made without the future Hazelcast's public API wraps around them.
 *
 * <p>Why: each future the public API returns ({@code IExecutorService.submitToMember}, {@code IMap.setAsync}) is a
 * {@code DelegatingCompletableFuture}, which, as soon as it is made, registers a callback on the invocation's own
 * future with Hazelcast's default asynchronous executor: the common {@code ForkJoinPool}, or, where its parallelism
 * is 1 (machines of two cores or fewer, like this project's), a new thread per completion (see {@link Callbacks}).
 * That was a thread started for every batch's reply on the driver and for every store on the member, whatever
 * callback the caller used. Made here, the invocation's own future is returned and nothing is started.
 *
 * <ul>
 *   <li>{@link #submit} sends a task to a member's executor as the executor proxy does (the same operation, on the
 *       same executor), with an asynchronous invocation, which Hazelcast also allows from its response threads (so a
 *       batch can leave from the thread that received the previous reply).
 *   <li>{@link #store} stores an already serialized value with an entry processor on the key's partition thread,
 *       as {@code setAsync} would with a set operation.
 * </ul>
 *
 * These use Hazelcast's internal classes (pinned by the build to 5.7.0). Where they do not apply (a client
 * instance, another implementation), each falls back to the public API, and only the speed differs.
 */
final class Invocations {
  private Invocations() {}

  /** Whether {@link #submit} may be called on any thread, Hazelcast's response threads included. */
  static boolean submitsFromAnyThread(IExecutorService executor) {
    return executor instanceof AbstractDistributedObject<?>;
  }

  /** {@code executor.submitToMember(task, member)}, its callbacks to be registered with {@link Callbacks#DIRECT}. */
  @SuppressWarnings("unchecked")
  static <T> CompletionStage<T> submit(IExecutorService executor, Callable<T> task, Member member) {
    if (executor instanceof AbstractDistributedObject<?> proxy) {
      NodeEngine engine = proxy.getNodeEngine();
      Data data = engine.toData(task);
      MemberCallableTaskOperation op = new MemberCallableTaskOperation(executor.getName(), UuidUtil.newUnsecureUUID(),
          data);
      return engine.getOperationService().<T>invokeOnTargetAsync(DistributedExecutorService.SERVICE_NAME, op,
          member.getAddress());
    }
    return (CompletionStage<T>) executor.submitToMember(task, member);
  }

  /** {@code map.setAsync(key, value)} for a value already serialized. */
  @SuppressWarnings("unchecked")
  static CompletionStage<?> store(IMap<Object, Object> map, Object key, Data value) {
    if (map instanceof MapProxyImpl<?, ?> proxy) {
      return ((MapProxyImpl<Object, Object>) proxy).executeOnKeyInternal(key, new Store(value));
    }
    return map.setAsync(key, value);
  }

  /**
   * {@code map.submitToKey(key, node)}, its callbacks to be registered with {@link Callbacks#DIRECT}; the answer
   * may come serialized ({@link #reply} reads it). Not from a response thread (see {@link Callbacks#invoking}).
   */
  @SuppressWarnings("unchecked")
  static CompletionStage<Object> runOne(IMap<Object, Object> map, Object key, RunOne node) {
    if (map instanceof MapProxyImpl<?, ?> proxy) {
      return (CompletionStage<Object>) (CompletionStage<?>) ((MapProxyImpl<Object, Object>) proxy)
          .executeOnKeyInternal(key, node);
    }
    return (CompletionStage<Object>) (CompletionStage<?>) map.submitToKey(key, node);
  }

  /** The {@link Reply} of {@link #runOne}: deserialized here if it came as bytes. */
  static Reply reply(com.hazelcast.internal.serialization.SerializationService serialization, Object answer) {
    return answer instanceof Data d ? serialization.toObject(d) : (Reply) answer;
  }

  /** Sets its entry to a serialized value, on the entry's partition thread. */
  static final class Store implements EntryProcessor<Object, Object, Object>, DataSerializable {
    private static final long serialVersionUID = 1L;
    private transient Data value;

    /** For deserialization (a store sent to another member while partitions migrate). */
    public Store() {}

    Store(Data value) {
      this.value = value;
    }

    @Override
    public Object process(Map.Entry<Object, Object> entry) {
      entry.setValue(value);
      return null;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
      ((DataWriter) out).writeData(value);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
      value = ((DataReader) in).readData();
    }
  }
}
