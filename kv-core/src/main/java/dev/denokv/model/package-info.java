/** Value types shared by every layer: versionstamps, KvU64, and raw stored values. */
package dev.denokv.model;
