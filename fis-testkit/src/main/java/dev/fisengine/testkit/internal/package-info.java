/** Implementation details of the testkit; no compatibility promise. */
package dev.fisengine.testkit.internal;
