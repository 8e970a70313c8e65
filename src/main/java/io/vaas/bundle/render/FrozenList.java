package io.vaas.bundle.render;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

import org.jspecify.annotations.Nullable;

/** A list a template computed or wrote, or a config's list; see {@link Frozen}. */
final class FrozenList extends AbstractList<@Nullable Object> implements RandomAccess, Frozen {

	private final @Nullable Object[] items;

	/** Takes the array as it is: callers pass a fresh one. */
	FrozenList(@Nullable Object[] items) {
		this.items = items;
	}

	@Override
	public @Nullable Object get(int index) {
		Objects.checkIndex(index, items.length);
		Budget.step();
		return items[index];
	}

	@Override
	public int size() {
		return items.length;
	}

	@Override
	public String toString() {
		return Values.text(this, -1);
	}

}
