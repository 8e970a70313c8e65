package io.vaas.bundle.render;

/**
 * A list or map a template may hold in a variable: it cannot change, and walking it
 * (iterating, comparing, hashing, printing) takes steps of the rendering's
 * {@link Budget}, so that no single Java call on a value built by a template can run
 * unchecked.
 */
interface Frozen {

}
