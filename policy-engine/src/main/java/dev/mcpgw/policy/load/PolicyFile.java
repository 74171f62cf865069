package dev.mcpgw.policy.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The policy document exactly as written in YAML or JSON; validated into a Policy by PolicyLoader. */
record PolicyFile(String version, @JsonProperty("default") String defaultEffect, List<RuleFile> rules) {

    record RuleFile(String id, String description, String effect, List<String> agents, List<String> servers, List<String> tools) {
    }
}
