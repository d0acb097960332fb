package io.jfrp.config.read;

import io.jfrp.config.ConfigProblem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GoTemplateTest {
    private final List<ConfigProblem> problems = new ArrayList<>();

    private String render(String text, Map<String, String> env) {
        return GoTemplate.render(text, env, "f.toml", problems);
    }

    @Test
    void rendersEnvironmentVariables() {
        assertThat(render("a = \"{{ .Envs.A }}\"\nb = {{.Envs.B}}\n", Map.of("A", "x", "B", "7")))
                .isEqualTo("a = \"x\"\nb = 7\n");
        assertThat(problems).isEmpty();
    }

    @Test
    void trimsWhiteSpaceAndDropsComments() {
        assertThat(render("a = \"  {{- .Envs.A -}}  \"{{/* note */}}", Map.of("A", "x"))).isEqualTo("a = \"x\"");
    }

    @Test
    void leavesTextWithoutActionsAlone() {
        String text = "a = 1\n";
        assertThat(render(text, Map.of())).isSameAs(text);
    }

    @Test
    void rangesOverNumberPairsAsFrpDocumentsIt() {
        String text = """
                {{- range $_, $v := parseNumberRangePair "6000-6001,6007" "7000-7001,7007" }}
                [[proxies]]
                name = "tcp-{{ $v.First }}"
                remotePort = {{ $v.Second }}
                {{- end }}
                """;
        assertThat(render(text, Map.of())).isEqualTo("""

                [[proxies]]
                name = "tcp-6000"
                remotePort = 7000
                [[proxies]]
                name = "tcp-6001"
                remotePort = 7001
                [[proxies]]
                name = "tcp-6007"
                remotePort = 7007
                """);
    }

    @Test
    void rangesOverNumbersWithIndexAndDot() {
        assertThat(render("{{ range $i, $p := parseNumberRange \"5-7\" }}{{ $i }}:{{ $p }}={{ . }} {{ end }}", Map.of()))
                .isEqualTo("0:5=5 1:6=6 2:7=7 ");
        assertThat(render("{{ range parseNumberRange \" 1 , 3-4 \" }}[{{ . }}]{{ end }}", Map.of()))
                .isEqualTo("[1][3][4]");
    }

    @Test
    void printsStringLiteralsAndWholeValuesAsGo() {
        assertThat(render("{{ `{{ .Envs.X }}` }} {{ \"q\\\"\" }} {{ parseNumberRange \"1-2\" }}", Map.of()))
                .isEqualTo("{{ .Envs.X }} q\" [1 2]");
        assertThat(render("{{ parseNumberRangePair \"1\" \"2\" }}", Map.of())).isEqualTo("[{1 2}]");
    }

    @Test
    void reportsUnsetVariablesWithTheirLine() {
        assertThat(render("a = 1\nb = {{ .Envs.MISSING }}\n", Map.of())).isNull();
        assertThat(problems).extracting(ConfigProblem::toString)
                .containsExactly("f.toml:2: template: environment variable MISSING is not set");
    }

    @Test
    void refusesWhatFrpDoesNotUseNamingIt() {
        assertThat(render("{{ if .Envs.A }}x{{ end }}", Map.of("A", "1"))).isNull();
        assertThat(render("{{ index .Envs \"A\" }}", Map.of("A", "1"))).isNull();
        assertThat(render("{{ .Envs.A | printf \"%s\" }}", Map.of("A", "1"))).isNull();
        assertThat(render("x\n{{ range parseNumberRange \"1\" }}", Map.of())).isNull();
        assertThat(render("{{ end }}", Map.of())).isNull();
        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "template: 'if' is not supported by jfrp (frp's templates use {{ .Envs.NAME }}, range, parseNumberRange"
                        + " and parseNumberRangePair)",
                "template: function \"index\" not defined (frp's templates have parseNumberRange and parseNumberRangePair)",
                "template: pipelines ('|') are not supported by jfrp",
                "template: range has no matching {{ end }}",
                "template: unexpected {{end}}");
        assertThat(problems.get(3).line()).isEqualTo(2);
    }

    @Test
    void rangeFunctionsCheckTheirInputAsFrp() {
        assertThat(render("{{ parseNumberRangePair \"1-3\" \"1-2\" }}", Map.of())).isNull();
        assertThat(render("{{ parseNumberRange \"5-1\" }}", Map.of())).isNull();
        assertThat(render("{{ parseNumberRange \"a\" }}", Map.of())).isNull();
        assertThat(render("{{ parseNumberRange \"1-2-3\" }}", Map.of())).isNull();
        assertThat(render("{{ parseNumberRange \"1-99999999\" }}", Map.of())).isNull();
        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "template: error calling parseNumberRangePair: first and second range numbers are not in pairs",
                "template: error calling a range function: range number is invalid (5-1)",
                "template: error calling a range function: range number is invalid, 'a' is not a number",
                "template: error calling a range function: range number is invalid (1-2-3)",
                "template: error calling a range function: range 1-99999999 has more than 65536 numbers");
    }
}
