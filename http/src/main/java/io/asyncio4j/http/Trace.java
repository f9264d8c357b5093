package io.asyncio4j.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One request's tracing (aiohttp's {@code Trace}): each config with this request's context for it. */
final class Trace {
    static final Trace NONE = new Trace(null, List.of(), null);

    private final ClientSession session;
    private final List<TraceConfig> configs;
    private final List<Map<String, Object>> contexts = new ArrayList<>();

    Trace(ClientSession session, List<TraceConfig> configs, Object traceRequestCtx) {
        this.session = session;
        this.configs = configs;
        for (int i = 0; i < configs.size(); i++) {
            Map<String, Object> ctx = new HashMap<>();
            if (traceRequestCtx != null) {
                ctx.put("traceRequestCtx", traceRequestCtx);
            }
            contexts.add(ctx);
        }
    }

    /** Calls every config's handlers of one kind with {@code params}; a handler's exception propagates. */
    <P> void send(Function<TraceConfig, List<TraceConfig.Handler<P>>> kind, P params) {
        for (int i = 0; i < configs.size(); i++) {
            for (TraceConfig.Handler<P> h : kind.apply(configs.get(i))) {
                try {
                    h.handle(session, contexts.get(i), params);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("trace handler failed: " + e, e);
                }
            }
        }
    }

    /** Whether there is nothing to call (skips building parameters). */
    boolean isEmpty() {
        return configs.isEmpty();
    }
}
