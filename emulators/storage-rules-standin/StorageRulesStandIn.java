import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the Cloud Storage rules runtime, used by the Storage emulator only when the real
 * runtime (a download) is absent. It is exact for exactly one ruleset: the project's storage.rules,
 * which denies every client request. It accepts any ruleset and answers every client request
 * {"permit": false}. Admin SDK traffic and triggers never consult it.
 *
 * Protocol (one JSON object per line over stdin/stdout, every line flushed):
 *   start:          {"id":-1,"status":"ok"}
 *   load_ruleset -> {"id":N,"status":"ok","action":"load_ruleset","result":{"rulesVersion":2},...}
 *   verify       -> {"id":N,"status":"ok","action":"verify","result":{"permit":false},...}
 * test/unit/storageRules.test.ts proves storage.rules is the closed ruleset this stands in for.
 */
public final class StorageRulesStandIn {
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(-?\\d+)");
  private static final Pattern ACTION = Pattern.compile("\"action\"\\s*:\\s*\"([a-z_]+)\"");

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println("{\"id\":-1,\"status\":\"ok\"}");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      Matcher id = ID.matcher(line);
      Matcher action = ACTION.matcher(line);
      if (!id.find() || !action.find()) {
        continue;
      }
      String n = id.group(1);
      String a = action.group(1);
      String result;
      if (a.equals("load_ruleset")) {
        result = "{\"rulesVersion\":2}";
      } else if (a.equals("verify")) {
        result = "{\"permit\":false}";
      } else {
        out.println("{\"id\":" + n + ",\"status\":\"error\",\"action\":\"" + a + "\",\"errors\":[\"unsupported action\"],\"warnings\":[]}");
        continue;
      }
      out.println("{\"id\":" + n + ",\"status\":\"ok\",\"action\":\"" + a + "\",\"result\":" + result + ",\"errors\":[],\"warnings\":[]}");
    }
  }
}
