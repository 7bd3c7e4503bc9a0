package org.civicpulse.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.component.dependency.StyleSheet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;

/**
 * Keeps the frontend npm-free (docs/DESIGN.md, Vaadin): the pre-compiled production bundle is used only
 * while no class of the app asks for a frontend import. {@link NpmPackage}, {@link JsModule} and
 * {@link CssImport} always do; {@code @JavaScript}/{@code @StyleSheet} do unless the URL is external
 * ({@code context://}, {@code http(s)://}) — {@code "/webjars/..."} without {@code context://} is a frontend import.
 */
class NpmFreeFrontendTest {

    @Test
    void noClassAsksForAFrontendImport() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(org.springframework.beans.factory.annotation.AnnotatedBeanDefinition d) {
                return true;
            }
        };
        scanner.addIncludeFilter(new RegexPatternTypeFilter(java.util.regex.Pattern.compile(".*")));
        List<String> problems = new ArrayList<>();
        int scanned = 0;
        for (BeanDefinition d : scanner.findCandidateComponents("org.civicpulse.dashboard")) {
            Class<?> c = Class.forName(d.getBeanClassName());
            scanned++;
            for (Class<? extends java.lang.annotation.Annotation> forbidden : List.of(NpmPackage.class, JsModule.class,
                    CssImport.class)) {
                if (c.getDeclaredAnnotationsByType(forbidden).length > 0) {
                    problems.add(c.getName() + " has @" + forbidden.getSimpleName());
                }
            }
            for (JavaScript js : c.getDeclaredAnnotationsByType(JavaScript.class)) {
                if (!external(js.value())) {
                    problems.add(c.getName() + " has @JavaScript(\"" + js.value() + "\"): use context://");
                }
            }
            for (StyleSheet css : c.getDeclaredAnnotationsByType(StyleSheet.class)) {
                if (!external(css.value())) {
                    problems.add(c.getName() + " has @StyleSheet(\"" + css.value() + "\"): use context://");
                }
            }
        }
        assertThat(scanned).isGreaterThan(10);
        assertThat(problems).isEmpty();
    }

    @Test
    void noFrontendProjectFilesInTheModule() throws IOException {
        Path module = Path.of(System.getProperty("user.dir"));
        for (String f : List.of("package.json", "package-lock.json", "node_modules", "vite.config.ts", "frontend",
                "src/main/frontend")) {
            assertThat(Files.exists(module.resolve(f))).as(f + " in " + module + " (a bundle build ran npm)").isFalse();
        }
    }

    private static boolean external(String url) {
        return url.startsWith("context://") || url.startsWith("http://") || url.startsWith("https://");
    }
}
