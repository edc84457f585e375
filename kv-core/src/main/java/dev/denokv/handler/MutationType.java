package dev.denokv.handler;

/** The kinds of mutation an atomic write can carry (KV Connect {@code MutationType}). */
public enum MutationType {

	/** Store the value. */
	SET,

	/** Remove the key; absent keys are fine. */
	DELETE,

	/** Add a KvU64 operand, wrapping modulo 2^64; an absent key takes the operand. */
	SUM,

	/** Keep the smaller of the stored KvU64 and the operand. */
	MIN,

	/** Keep the larger of the stored KvU64 and the operand. */
	MAX,

	/**
	 * Store under {@code key ++ 02 ++ <20 hex chars of the commit versionstamp> ++ 00}, that is
	 * the key with the commit versionstamp appended as a string part.
	 */
	SET_SUFFIX_VERSIONSTAMPED_KEY

}
