/** The exception hierarchy shared by every layer: all unchecked, rooted at {@link dev.denokv.error.KvException}. */
package dev.denokv.error;
