/**
 * Spring Boot auto-configuration of FIS Engine ({@code fisengine.enabled=true}): the engine bean, templates from
 * {@code fisengine.templates}, SDK v2 client builder instrumentation, the {@code fisengine} Actuator endpoint.
 */
package dev.fisengine.spring.boot;
