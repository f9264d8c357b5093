package io.asyncio4j;

import java.util.Objects;

/**
 * A context variable, CPython's {@code contextvars.ContextVar} (PEP 567): a key whose value lives in the current
 * {@link Context}, so that each task sees its own. This is how a request id reaches every log line of the request
 * without being passed around:
 *
 * <pre>{@code
 * static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id", "-");
 *
 * Coro<Void> handle(Request req) {
 *     return () -> {
 *         REQUEST_ID.set(req.id());         // this task's context only
 *         log("handling");                  // reads REQUEST_ID.get()
 *         Asyncio.gather(lookUp(req), store(req)).await();   // child tasks start with a copy: they see the id
 *         return null;
 *     };
 * }
 * }</pre>
 *
 * <p>A task runs in a copy of its creator's context, so a value set before {@code createTask} is seen by the task,
 * and a value the task sets is not seen by its creator. Variables are compared by identity: make each one once
 * (a {@code static final} field) rather than per call; CPython warns that variables are never freed from the
 * contexts that hold them, and so it is here for as long as those contexts live.
 *
 * <p><b>Threads.</b> Any thread may call every method; {@link #get()} and {@link #set(Object)} act on the calling
 * task's current context, or on the calling thread's outside tasks (see {@link Context}). Reading costs a lookup of
 * the current task and a scan of the few variables set in its context; it never blocks.
 *
 * @param <T> the type of the values
 */
public final class ContextVar<T> {
    /** The value of a variable that has none here: never a user's value. */
    private static final Object MISSING = new Object();

    private final String name;
    private final Object defaultValue;

    /**
     * A variable without a default: {@link #get()} throws {@link LookupError} while it has no value.
     *
     * @param name the variable's name, for messages and {@link #toString()}
     * @throws NullPointerException if {@code name} is null
     */
    public ContextVar(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = MISSING;
    }

    /**
     * A variable with a default: {@link #get()} returns {@code defaultValue} while it has no value.
     *
     * @param name the variable's name
     * @param defaultValue the value {@code get()} returns where the variable is not set; may be null
     * @throws NullPointerException if {@code name} is null
     */
    public ContextVar(String name, T defaultValue) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = defaultValue;
    }

    /**
     * CPython's {@code ContextVar.name}.
     *
     * @return the name given to the constructor
     */
    public String name() {
        return name;
    }

    /**
     * CPython's {@code ContextVar.get()}.
     *
     * @return the value in the current context, else the default given to the constructor
     * @throws LookupError if the variable has neither
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object v = Context.currentMap().get(this, defaultValue);
        if (v == MISSING) {
            throw new LookupError(toString());
        }
        return (T) v;
    }

    /**
     * CPython's {@code ContextVar.get(default)}.
     *
     * @param fallback returned when the variable has no value in the current context (the constructor's default is
     *        not consulted, as in CPython)
     * @return the value in the current context, else {@code fallback}
     */
    @SuppressWarnings("unchecked")
    public T get(T fallback) {
        return (T) Context.currentMap().get(this, fallback);
    }

    /**
     * CPython's {@code ContextVar.set(value)}: gives the variable {@code value} in the current context (only).
     *
     * @param value the new value; may be null
     * @return a token that {@link #reset(Token)} takes to restore the previous value
     */
    public Token<T> set(T value) {
        Context ctx = Context.current();
        ContextMap m = ctx.map;
        Object old = m.get(this, MISSING);
        ctx.map = m.with(this, value);
        return new Token<>(ctx, this, old);
    }

    /**
     * CPython's {@code ContextVar.reset(token)}: gives the variable back the value it had before the {@code set} that
     * returned {@code token}, or removes it from the current context if it had none.
     *
     * @param token what {@link #set(Object)} returned, in the current context
     * @throws IllegalStateException if the token was already used (CPython's {@code RuntimeError})
     * @throws IllegalArgumentException if the token was made by another variable or in another context (CPython's
     *         {@code ValueError})
     * @throws NullPointerException if {@code token} is null
     */
    public void reset(Token<T> token) {
        Objects.requireNonNull(token, "token");
        if (token.used) {
            throw new IllegalStateException(token + " has already been used once");
        }
        if (token.var != this) {
            throw new IllegalArgumentException(token + " was created by a different ContextVar");
        }
        Context ctx = Context.current();
        if (token.context != ctx) {
            throw new IllegalArgumentException(token + " was created in a different Context");
        }
        token.used = true;
        ctx.map = token.old == MISSING ? ctx.map.without(this) : ctx.map.with(this, token.old);
    }

    @Override
    public String toString() {
        return "<ContextVar name=" + Repr.of(name)
                + (defaultValue == MISSING ? "" : " default=" + Repr.of(defaultValue))
                + " at 0x" + Integer.toHexString(System.identityHashCode(this)) + ">";
    }

    /**
     * What {@link ContextVar#set(Object)} returns: the variable, the value it had before and the context it was set
     * in, for one {@link ContextVar#reset(Token)}. CPython's {@code contextvars.Token}.
     *
     * <p>Tokens are used on the thread or task that made them; {@code reset} marks one used.
     *
     * @param <T> the variable's type
     */
    public static final class Token<T> {
        private final Context context;
        private final ContextVar<T> var;
        private final Object old;
        private boolean used;

        Token(Context context, ContextVar<T> var, Object old) {
            this.context = context;
            this.var = var;
            this.old = old;
        }

        /**
         * CPython's {@code Token.var}.
         *
         * @return the variable that made this token
         */
        public ContextVar<T> var() {
            return var;
        }

        /**
         * CPython's {@code Token.old_value}, with {@code Token.MISSING} as {@code null} (see {@link #hadValue()}).
         *
         * @return the value the variable had in the context before the {@code set}, or {@code null} if none
         */
        @SuppressWarnings("unchecked")
        public T oldValue() {
            return old == MISSING ? null : (T) old;
        }

        /**
         * Whether the variable had a value before the {@code set} ({@code token.old_value is not Token.MISSING}).
         *
         * @return false if the {@code set} gave the variable its first value in the context
         */
        public boolean hadValue() {
            return old != MISSING;
        }

        @Override
        public String toString() {
            return "<Token" + (used ? " used" : "") + " var=" + var + " at 0x"
                    + Integer.toHexString(System.identityHashCode(this)) + ">";
        }
    }
}
