package dev.denokv.value.v8;

/** The tag bytes of V8's serialization format (v8/src/objects/value-serializer.cc). */
final class V8Tags {

	static final int VERSION = 0xFF;
	static final int PADDING = 0x00;
	static final int VERIFY_OBJECT_COUNT = '?';
	static final int THE_HOLE = '-';
	static final int UNDEFINED = '_';
	static final int NULL = '0';
	static final int TRUE = 'T';
	static final int FALSE = 'F';
	static final int INT32 = 'I';
	static final int UINT32 = 'U';
	static final int DOUBLE = 'N';
	static final int BIGINT = 'Z';
	static final int UTF8_STRING = 'S';
	static final int ONE_BYTE_STRING = '"';
	static final int TWO_BYTE_STRING = 'c';
	static final int OBJECT_REFERENCE = '^';
	static final int BEGIN_JS_OBJECT = 'o';
	static final int END_JS_OBJECT = '{';
	static final int BEGIN_SPARSE_JS_ARRAY = 'a';
	static final int END_SPARSE_JS_ARRAY = '@';
	static final int BEGIN_DENSE_JS_ARRAY = 'A';
	static final int END_DENSE_JS_ARRAY = '$';
	static final int DATE = 'D';
	static final int TRUE_OBJECT = 'y';
	static final int FALSE_OBJECT = 'x';
	static final int NUMBER_OBJECT = 'n';
	static final int BIGINT_OBJECT = 'z';
	static final int STRING_OBJECT = 's';
	static final int REGEXP = 'R';
	static final int BEGIN_JS_MAP = ';';
	static final int END_JS_MAP = ':';
	static final int BEGIN_JS_SET = '\'';
	static final int END_JS_SET = ',';
	static final int ARRAY_BUFFER = 'B';
	static final int RESIZABLE_ARRAY_BUFFER = '~';
	static final int ARRAY_BUFFER_VIEW = 'V';
	static final int ERROR = 'r';
	static final int HOST_OBJECT = '\\';

	// Error sub-tags.
	static final int ERROR_EVAL = 'E';
	static final int ERROR_RANGE = 'R';
	static final int ERROR_REFERENCE = 'F';
	static final int ERROR_SYNTAX = 'S';
	static final int ERROR_TYPE = 'T';
	static final int ERROR_URI = 'U';
	static final int ERROR_MESSAGE = 'm';
	static final int ERROR_CAUSE = 'c';
	static final int ERROR_STACK = 's';
	static final int ERROR_END = '.';

	/** Deno's marker for a "cloneable" host object whose payload follows as a value. */
	static final int DENO_HOST_OBJECT = 0xFFFF_FFFF;

	/** Largest integer a double holds exactly (2^53). */
	static final long MAX_SAFE = 1L << 53;

	/** Largest absolute JS Date time value in ms. */
	static final double MAX_DATE_MS = 8.64e15;

	private V8Tags() {
	}

}
