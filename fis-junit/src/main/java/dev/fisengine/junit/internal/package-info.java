/** Implementation details of the JUnit extension; no compatibility promise. */
package dev.fisengine.junit.internal;
