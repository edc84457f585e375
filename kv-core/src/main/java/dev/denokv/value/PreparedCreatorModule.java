package dev.denokv.value;

import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.module.SimpleModule;

/**
 * Installs {@link PreparedCreatorInstantiator} for every type that Jackson instantiates through a
 * properties-based creator, in the codec's private mapper. Registered after the application's
 * modules, it leaves any instantiator they supply alone.
 */
final class PreparedCreatorModule extends SimpleModule {

	private static final long serialVersionUID = 1L;

	PreparedCreatorModule() {
		super("denokv-prepared-creators");
	}

	@Override
	public void setupModule(SetupContext context) {
		super.setupModule(context);
		context.addValueInstantiators(new Preparer());
	}

	/** Swaps the standard instantiator for its prepared form. */
	private static final class Preparer extends ValueInstantiators.Base {

		@Override
		public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
				BeanDescription.Supplier beanDescRef, ValueInstantiator defaultInstantiator) {
			return PreparedCreatorInstantiator.preparedOrSame(defaultInstantiator);
		}

	}

}
