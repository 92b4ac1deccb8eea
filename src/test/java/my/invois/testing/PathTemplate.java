package my.invois.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A path of the document ({@code /api/integrations/users/{id}}) matched against request paths. */
record PathTemplate(String template, JsonNode item, Pattern pattern, List<String> variables) {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    PathTemplate(String template, JsonNode item) {
        this(template, item, compile(template), variablesOf(template));
    }

    int variableCount() {
        return variables.size();
    }

    boolean matches(String rawPath) {
        return pattern.matcher(rawPath).matches();
    }

    /** The decoded value of each path variable. */
    Map<String, String> values(String rawPath) {
        Matcher matcher = pattern.matcher(rawPath);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(rawPath + " does not match " + template);
        }
        var values = new LinkedHashMap<String, String>();
        for (int i = 0; i < variables.size(); i++) {
            values.put(variables.get(i), URLDecoder.decode(matcher.group(i + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static Pattern compile(String template) {
        var regex = new StringBuilder();
        Matcher matcher = VARIABLE.matcher(template);
        int last = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(template.substring(last, matcher.start()))).append("([^/]+)");
            last = matcher.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }

    private static List<String> variablesOf(String template) {
        var names = new ArrayList<String>();
        Matcher matcher = VARIABLE.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
