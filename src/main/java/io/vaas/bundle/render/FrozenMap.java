package io.vaas.bundle.render;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A map a template computed or wrote, or a config's object, in its original order; see
 * {@link Frozen}.
 */
final class FrozenMap extends AbstractMap<Object, @Nullable Object> implements Frozen {

	private final Map<Object, @Nullable Object> map;

	/** Takes the map as it is: callers pass a fresh one and never change it. */
	FrozenMap(Map<Object, @Nullable Object> map) {
		this.map = map;
	}

	@Override
	public @Nullable Object get(Object key) {
		Budget.step();
		return map.get(key);
	}

	@Override
	public boolean containsKey(Object key) {
		Budget.step();
		return map.containsKey(key);
	}

	@Override
	public int size() {
		return map.size();
	}

	@Override
	public Set<Entry<Object, @Nullable Object>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public Iterator<Entry<Object, @Nullable Object>> iterator() {
				var entries = map.entrySet().iterator();
				return new Iterator<>() {

					@Override
					public boolean hasNext() {
						return entries.hasNext();
					}

					@Override
					public Entry<Object, @Nullable Object> next() {
						Budget.step();
						return new SimpleImmutableEntry<>(entries.next());
					}

				};
			}

			@Override
			public int size() {
				return map.size();
			}

		};
	}

	@Override
	public String toString() {
		return Values.text(this, -1);
	}

}
