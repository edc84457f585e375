package dev.denokv.value.v8;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;

import dev.denokv.error.KvInvalidArgumentException;

/**
 * A record class's components, accessors and canonical constructor, looked up once per class
 * (reflection per value would be the slowest part of converting records).
 */
public final class RecordComponents {

	private static final ClassValue<RecordComponents> CACHE = new ClassValue<>() {
		@Override
		protected RecordComponents computeValue(Class<?> type) {
			return new RecordComponents(type);
		}
	};

	private final RecordComponent[] components;

	private final MethodHandle[] accessors;

	private final Constructor<?> constructor;

	private RecordComponents(Class<?> type) {
		this.components = type.getRecordComponents();
		this.accessors = new MethodHandle[this.components.length];
		Class<?>[] parameterTypes = new Class<?>[this.components.length];
		try {
			for (int i = 0; i < this.components.length; i++) {
				var accessor = this.components[i].getAccessor();
				accessor.setAccessible(true);
				this.accessors[i] = MethodHandles.lookup().unreflect(accessor);
				parameterTypes[i] = this.components[i].getType();
			}
			this.constructor = type.getDeclaredConstructor(parameterTypes);
			this.constructor.setAccessible(true);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new KvInvalidArgumentException("Cannot access record " + type.getName() + ": " + ex, ex);
		}
	}

	/** The components of a record class. */
	public static RecordComponents of(Class<?> recordType) {
		return CACHE.get(recordType);
	}

	public RecordComponent[] components() {
		return this.components;
	}

	/** The value of component {@code index} of {@code record}. */
	public Object get(Object record, int index) {
		try {
			return this.accessors[index].invoke(record);
		}
		catch (Throwable ex) {
			throw new KvInvalidArgumentException("Cannot read record component " + record.getClass().getName() + "."
					+ this.components[index].getName() + ": " + ex, ex);
		}
	}

	/** The canonical constructor. */
	public Constructor<?> constructor() {
		return this.constructor;
	}

}
