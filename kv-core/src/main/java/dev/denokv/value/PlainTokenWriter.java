package dev.denokv.value;

import java.math.BigInteger;

import dev.denokv.value.v8.V8PlainValueStreamer;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Writes a plain V8 object straight into Jackson tokens, the same tokens
 * {@link NaturalTokenWriter} writes for its natural form, without building that form first.
 */
final class PlainTokenWriter implements V8PlainValueStreamer.Sink {

	private final TokenBuffer out = TokenBuffer.forGeneration();

	private PlainTokenWriter() {
	}

	/**
	 * The tokens of the V8 value in {@code data}, or {@code null} if it is not a plain object (then
	 * the natural form must be read and written by {@link NaturalTokenWriter}).
	 */
	static TokenBuffer tokensOrNull(byte[] data) {
		PlainTokenWriter writer = new PlainTokenWriter();
		return V8PlainValueStreamer.streamObject(data, writer) ? writer.out : null;
	}

	@Override
	public void startObject() {
		this.out.writeStartObject();
	}

	@Override
	public void name(String name) {
		this.out.writeName(name);
	}

	@Override
	public void endObject() {
		this.out.writeEndObject();
	}

	@Override
	public void startArray() {
		this.out.writeStartArray();
	}

	@Override
	public void endArray() {
		this.out.writeEndArray();
	}

	@Override
	public void string(String value) {
		this.out.writeString(value);
	}

	@Override
	public void number(double value) {
		this.out.writeNumber(value);
	}

	@Override
	public void bigint(BigInteger value) {
		this.out.writeNumber(value);
	}

	@Override
	public void bool(boolean value) {
		this.out.writeBoolean(value);
	}

	@Override
	public void nullValue() {
		this.out.writeNull();
	}

}
