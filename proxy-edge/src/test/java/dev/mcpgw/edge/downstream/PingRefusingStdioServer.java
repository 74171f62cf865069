package dev.mcpgw.edge.downstream;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A stdio tool server, run as its own process, that refuses ping as a method it does not have (as
 * 2026-07-28 servers may: the reference server answers "removed stateful RPC"), never answers its
 * tool {@code slow}, and echoes with any other tool.
 */
public final class PingRefusingStdioServer {
    private PingRefusingStdioServer() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String line;
        while ((line = in.readLine()) != null) {
            JsonObject message = new JsonObject(line);
            Object id = message.getValue("id");
            String method = message.getString("method");
            JsonObject reply = new JsonObject().put("jsonrpc", "2.0").put("id", id);
            if (id == null) {
                continue;
            }
            if ("initialize".equals(method)) {
                reply.put("result", new JsonObject().put("protocolVersion", "2025-11-25").put("capabilities", new JsonObject()
                        .put("tools", new JsonObject())).put("serverInfo", new JsonObject().put("name", "ping-refusing").put("version", "1")));
            } else if ("ping".equals(method)) {
                reply.put("error", new JsonObject().put("code", -32601).put("message", "Method not found: removed stateful RPC"));
            } else if ("tools/call".equals(method) && "slow".equals(message.getJsonObject("params").getString("name"))) {
                continue;
            } else if ("tools/call".equals(method)) {
                reply.put("result", new JsonObject().put("content", new JsonArray().add(new JsonObject().put("type", "text")
                        .put("text", message.getJsonObject("params").getJsonObject("arguments").getString("text")))));
            } else {
                reply.put("result", new JsonObject());
            }
            out.println(reply.encode());
        }
    }
}
