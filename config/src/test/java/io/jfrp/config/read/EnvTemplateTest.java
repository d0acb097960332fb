package io.jfrp.config.read;

import io.jfrp.config.ConfigProblem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnvTemplateTest {

    private final List<ConfigProblem> problems = new ArrayList<>();

    @Test
    void rendersEnvironmentVariables() {
        String out = EnvTemplate.render("a = \"{{ .Envs.A }}\"\nb = {{.Envs.B}}\n", Map.of("A", "x", "B", "7"), "f", problems);

        assertThat(out).isEqualTo("a = \"x\"\nb = 7\n");
        assertThat(problems).isEmpty();
    }

    @Test
    void trimsWhitespaceLikeGoTemplates() {
        String out = EnvTemplate.render("a = \"  {{- .Envs.A -}}  \"{{/* note */}}", Map.of("A", "x"), "f", problems);

        assertThat(out).isEqualTo("a = \"x\"");
    }

    @Test
    void textWithoutActionsIsUnchanged() {
        String text = "a = \"{ not a template }\"\n";
        assertThat(EnvTemplate.render(text, Map.of(), "f", problems)).isSameAs(text);
    }

    @Test
    void reportsUnsetVariablesAndOtherActionsWithTheirLine() {
        EnvTemplate.render("a = 1\nb = {{ .Envs.MISSING }}\nc = {{ index .Envs \"X\" }}\n", Map.of(), "f.toml", problems);

        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "f.toml:2: environment variable MISSING is not set (used as {{ .Envs.MISSING }})",
                "f.toml:3: template action {{ index .Envs \"X\" }} is not supported by jfrp; only {{ .Envs.NAME }} is");
    }
}
