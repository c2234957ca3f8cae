package dev.fisengine.spring.boot.test;

import dev.fisengine.api.model.Experiment;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.spring.boot.FisTemplates;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Starts the experiment of {@link WithFisExperiment} before each test method and stops it after. Does nothing for
 * tests without the annotation (so it costs nothing being registered for every Spring test).
 */
public class FisExperimentTestExecutionListener extends AbstractTestExecutionListener {
    /** The test context attribute holding the id of the experiment the running test started. */
    public static final String EXPERIMENT_ID = FisExperimentTestExecutionListener.class.getName() + ".experimentId";

    @Override
    public int getOrder() {
        return 5000; // after dependency injection (2000), before transactional test support (4000 + ...)
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        WithFisExperiment annotation = find(testContext);
        if (annotation == null) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        FisTemplates templates;
        try {
            templates = context.getBean(FisTemplates.class);
        } catch (NoSuchBeanDefinitionException e) {
            throw new IllegalStateException("@WithFisExperiment(\"" + annotation.value() + "\") on "
                    + testContext.getTestMethod() + " needs FIS Engine: set fisengine.enabled=true and list the "
                    + "template in fisengine.templates", e);
        }
        Experiment started = templates.start(annotation.value());
        testContext.setAttribute(EXPERIMENT_ID, started.id());
    }

    @Override
    public void afterTestMethod(TestContext testContext) {
        Object id = testContext.removeAttribute(EXPERIMENT_ID);
        if (id == null) {
            return;
        }
        FisEngine engine = testContext.getApplicationContext().getBean(FisEngine.class);
        Experiment e = engine.getExperiment((String) id);
        if (!e.state().status().isTerminal()) {
            engine.stopExperiment((String) id); // returns when everything it armed is reverted
        }
    }

    private static WithFisExperiment find(TestContext testContext) {
        WithFisExperiment onMethod = AnnotatedElementUtils.findMergedAnnotation(testContext.getTestMethod(),
                WithFisExperiment.class);
        return onMethod != null ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(testContext.getTestClass(), WithFisExperiment.class);
    }
}
