/** Test support for {@code @SpringBootTest}: {@link dev.fisengine.spring.boot.test.WithFisExperiment}. */
package dev.fisengine.spring.boot.test;
