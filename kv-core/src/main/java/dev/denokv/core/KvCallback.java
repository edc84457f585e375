package dev.denokv.core;

import dev.denokv.handler.DatabaseHandler;

/**
 * Work on the raw {@link DatabaseHandler} (encoded keys, raw values), for what the template does
 * not cover. See {@link KvOperations#execute(KvCallback)}.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface KvCallback<T> {

	T doInKv(DatabaseHandler handler);

}
