package dev.mcpgw.policy.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.re2j.Pattern;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A constraint on an argument that is an array holds when it holds for every element. */
class ArrayArgumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode args(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static ArgumentConstraint on(String path, ValueConstraint test) {
        return new ArgumentConstraint(path, true, List.of(test));
    }

    @Test
    void shouldAllowReadMultipleFilesWhenEveryPathIsUnderThePrefix() throws Exception {
        var paths = on("paths", PathPrefix.of(List.of("/srv/projects")));

        assertThat(paths.violation(args("{\"paths\": [\"/srv/projects/a.txt\", \"/srv/projects/sub/../b.txt\"]}"))).isEmpty();
    }

    @Test
    void shouldRefuseReadMultipleFilesNamingTheFirstPathOutsideThePrefix() throws Exception {
        var paths = on("paths", PathPrefix.of(List.of("/srv/projects")));

        assertThat(paths.violation(args("{\"paths\": [\"/srv/projects/a.txt\", \"/srv/projects/../../etc/passwd\"]}")))
                .hasValue("arguments.paths[1] '/srv/projects/../../etc/passwd' (/etc/passwd) is outside /srv/projects");
    }

    @Test
    void shouldCheckEveryUrlOfAnArrayAgainstTheHosts() throws Exception {
        var urls = on("urls", HostAllowlist.of(List.of("api.github.com")));

        assertThat(urls.violation(args("{\"urls\": [\"https://api.github.com/a\"]}"))).isEmpty();
        assertThat(urls.violation(args("{\"urls\": [\"https://api.github.com/a\", \"https://evil.com\"]}")))
                .hasValue("arguments.urls[1] host evil.com is not in [api.github.com]");
    }

    @Test
    void shouldMatchTheRegexAgainstEveryElement() throws Exception {
        var tags = on("tags", new TextPattern(Pattern.compile("[a-z]+")));

        assertThat(tags.violation(args("{\"tags\": [\"ok\", \"fine\"]}"))).isEmpty();
        assertThat(tags.violation(args("{\"tags\": [\"ok\", \"NOT\"]}"))).hasValue("arguments.tags[1] 'NOT' does not match [a-z]+");
    }

    @Test
    void shouldRequireEveryElementToBeOneOfTheEnum() throws Exception {
        var modes = on("modes", new OneOf(List.of(TextNode.valueOf("r"), TextNode.valueOf("w"))));

        assertThat(modes.violation(args("{\"modes\": [\"r\", \"w\", \"r\"]}"))).isEmpty();
        assertThat(modes.violation(args("{\"modes\": [\"r\", \"x\"]}"))).hasValue("arguments.modes[1] 'x' is not one of [\"r\", \"w\"]");
    }

    @Test
    void shouldApplyMaxLengthToEachElementNotToTheArraysSize() throws Exception {
        var names = on("names", new MaxLength(3));

        assertThat(names.violation(args("{\"names\": [\"abc\", \"de\", \"f\", \"gh\"]}"))).isEmpty();
        assertThat(names.violation(args("{\"names\": [\"abc\", \"defg\"]}"))).hasValue("arguments.names[1] is 4 characters long, more than 3");
    }

    @Test
    void shouldKeepEveryNumberOfAnArrayWithinTheRange() throws Exception {
        var ports = on("ports", new NumberRange(BigDecimal.ONE, BigDecimal.valueOf(1024)));

        assertThat(ports.violation(args("{\"ports\": [22, 80, 443]}"))).isEmpty();
        assertThat(ports.violation(args("{\"ports\": [22, 8080]}"))).hasValue("arguments.ports[1] 8080 is above the maximum 1024");
    }

    @Test
    void shouldLetAnEmptyArrayPassSinceItNamesNothingToCheck() throws Exception {
        assertThat(on("paths", PathPrefix.of(List.of("/srv"))).violation(args("{\"paths\": []}"))).isEmpty();
    }

    @Test
    void shouldRefuseAnArrayInsideTheArray() throws Exception {
        var paths = on("paths", PathPrefix.of(List.of("/srv")));

        assertThat(paths.violation(args("{\"paths\": [\"/srv/a\", [\"/etc/passwd\"]]}")))
                .hasValue("arguments.paths[1] is an array inside an array, which no constraint looks into");
    }

    @Test
    void shouldRefuseAnElementOfTheWrongTypeAsALoneValueOfThatTypeWouldBe() throws Exception {
        var paths = on("paths", PathPrefix.of(List.of("/srv")));

        assertThat(paths.violation(args("{\"paths\": [\"/srv/a\", 7]}"))).hasValue("arguments.paths[1] must be a path (a string)");
        assertThat(paths.violation(args("{\"paths\": [\"/srv/a\", null]}"))).hasValue("arguments.paths[1] must be a path (a string)");
        assertThat(paths.violation(args("{\"paths\": [{\"p\": \"/srv/a\"}]}"))).hasValue("arguments.paths[0] must be a path (a string)");
    }
}
