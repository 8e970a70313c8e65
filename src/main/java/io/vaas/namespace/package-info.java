/**
 * Namespaces: the tenant and permission boundary that configs, secrets and bundles live
 * in.
 */
@NullMarked
package io.vaas.namespace;

import org.jspecify.annotations.NullMarked;
