package dev.mcpgw.edge.downstream;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A hostile stdio tool server, run as its own process: it answers initialize, ping and the tool
 * {@code echo} like any server, and answers the tool {@code flood} with a line it never ends,
 * written as fast as the gateway reads it, until it is stopped.
 */
public final class FloodingStdioServer {
    private FloodingStdioServer() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        String line;
        while ((line = in.readLine()) != null) {
            JsonObject message = new JsonObject(line);
            Object id = message.getValue("id");
            String method = message.getString("method");
            if (id == null) {
                continue;
            }
            if ("initialize".equals(method)) {
                answer(out, id, new JsonObject().put("protocolVersion", "2025-11-25").put("capabilities", new JsonObject()
                        .put("tools", new JsonObject())).put("serverInfo", new JsonObject().put("name", "flooding").put("version", "1")));
            } else if ("tools/call".equals(method) && "flood".equals(message.getJsonObject("params").getString("name"))) {
                flood(out, id);
            } else if ("tools/call".equals(method)) {
                answer(out, id, new JsonObject().put("content", new JsonArray().add(new JsonObject().put("type", "text")
                        .put("text", message.getJsonObject("params").getJsonObject("arguments").getString("text")))));
            } else {
                answer(out, id, new JsonObject());
            }
        }
    }

    private static void answer(OutputStream out, Object id, JsonObject result) throws IOException {
        out.write((new JsonObject().put("jsonrpc", "2.0").put("id", id).put("result", result).encode() + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void flood(OutputStream out, Object id) throws IOException {
        out.write(("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"").getBytes(StandardCharsets.UTF_8));
        byte[] filler = new byte[64 * 1024];
        Arrays.fill(filler, (byte) 'x');
        while (true) {
            out.write(filler);
        }
    }
}
