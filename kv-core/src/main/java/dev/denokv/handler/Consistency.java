package dev.denokv.handler;

/** Read consistency, as in Deno's {@code consistency: "strong" | "eventual"}. */
public enum Consistency {

	/** Reads see every write committed before the read began. */
	STRONG,

	/** Reads may be served by a replica and lag behind; the SQLite backend treats this as strong. */
	EVENTUAL

}
