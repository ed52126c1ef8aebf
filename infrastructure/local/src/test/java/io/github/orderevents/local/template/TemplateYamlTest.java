package io.github.orderevents.local.template;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateYamlTest {

    @Test
    void readsShortFormIntrinsicsAsTheirLongForm() {
        Map<String, Object> doc = TemplateYaml.parse(new StringReader("""
                A: !Ref Table
                B: !GetAtt Queue.Arn
                C: !Sub "${AWS::StackName}-x"
                D: !Join [",", [a, !Ref P]]
                E: !If [Cond, kept, !Ref AWS::NoValue]
                F: !GetAtt Db.Endpoint.Address
                """));

        assertThat(doc.get("A")).isEqualTo(Map.of("Ref", "Table"));
        assertThat(doc.get("B")).isEqualTo(Map.of("Fn::GetAtt", List.of("Queue", "Arn")));
        assertThat(doc.get("C")).isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-x"));
        assertThat(doc.get("D")).isEqualTo(Map.of("Fn::Join", List.of(",", List.of("a", Map.of("Ref", "P")))));
        assertThat(doc.get("E")).isEqualTo(Map.of("Fn::If", List.of("Cond", "kept", Map.of("Ref", "AWS::NoValue"))));
        assertThat(doc.get("F")).isEqualTo(Map.of("Fn::GetAtt", List.of("Db", "Endpoint.Address")));
    }
}
