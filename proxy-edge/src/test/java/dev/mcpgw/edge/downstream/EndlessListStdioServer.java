package dev.mcpgw.edge.downstream;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A hostile stdio tool server, run as its own process: every page of its tool list holds one tool
 * and a cursor to another page, without end.
 */
public final class EndlessListStdioServer {
    private EndlessListStdioServer() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        long page = 0;
        String line;
        while ((line = in.readLine()) != null) {
            JsonObject message = new JsonObject(line);
            Object id = message.getValue("id");
            if (id == null) {
                continue;
            }
            JsonObject result = new JsonObject();
            if ("initialize".equals(message.getString("method"))) {
                result.put("protocolVersion", "2025-11-25").put("capabilities", new JsonObject().put("tools", new JsonObject()))
                        .put("serverInfo", new JsonObject().put("name", "endless-list").put("version", "1"));
            } else if ("tools/list".equals(message.getString("method"))) {
                page++;
                result.put("tools", new JsonArray().add(new JsonObject().put("name", "tool_" + page)
                        .put("inputSchema", new JsonObject().put("type", "object")))).put("nextCursor", "page-" + page);
            }
            out.println(new JsonObject().put("jsonrpc", "2.0").put("id", id).put("result", result).encode());
        }
    }
}
