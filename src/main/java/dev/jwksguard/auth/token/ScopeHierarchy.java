package dev.jwksguard.auth.token;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which scopes imply which ({@code oauth.scope-hierarchy}): a broader scope grants the narrower ones
 * it names, transitively, wherever a token's scopes or roles are checked. None by default.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/authorization">MCP 2026-07-28
 *      Authorization, "Step-Up Authorization Flow": servers MUST account for scope hierarchies</a>
 */
public final class ScopeHierarchy {

    public static final ScopeHierarchy NONE = new ScopeHierarchy(Map.of());

    /** RFC 6749 §3.3 scope-token: printable ASCII but space, '"' and '\'. */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    /** Each broader scope with every scope it implies, the closure worked out once. */
    private final Map<String, Set<String>> implied;

    private ScopeHierarchy(Map<String, Set<String>> implied) {
        this.implied = implied;
    }

    /**
     * @param pairs {@code broader>narrower} each, e.g. {@code notes>read:notes}
     * @throws IllegalArgumentException a pair that is not two different scope tokens
     */
    public static ScopeHierarchy parse(List<String> pairs) {
        Map<String, Set<String>> direct = new LinkedHashMap<>();
        for (String pair : pairs) {
            String[] sides = pair.split(">", -1);
            if (sides.length != 2 || !SCOPE_TOKEN.matcher(sides[0].trim()).matches()
                    || !SCOPE_TOKEN.matcher(sides[1].trim()).matches() || sides[0].trim().equals(sides[1].trim())) {
                throw new IllegalArgumentException("names '" + pair + "'; each entry is broader>narrower, two different"
                        + " scopes, e.g. notes>read:notes");
            }
            direct.computeIfAbsent(sides[0].trim(), scope -> new LinkedHashSet<>()).add(sides[1].trim());
        }
        Map<String, Set<String>> closure = new LinkedHashMap<>();
        direct.keySet().forEach(broader -> closure.put(broader, Set.copyOf(reachable(broader, direct))));
        return new ScopeHierarchy(Map.copyOf(closure));
    }

    private static Set<String> reachable(String broader, Map<String, Set<String>> direct) {
        Set<String> found = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(direct.get(broader));
        while (!next.isEmpty()) {
            String scope = next.pop();
            if (found.add(scope)) {
                next.addAll(direct.getOrDefault(scope, Set.of()));
            }
        }
        found.remove(broader);
        return found;
    }

    /** The scopes given, with every scope they imply. */
    public Set<String> expand(Set<String> scopes) {
        if (implied.isEmpty()) {
            return scopes;
        }
        Set<String> expanded = new LinkedHashSet<>(scopes);
        scopes.forEach(scope -> expanded.addAll(implied.getOrDefault(scope, Set.of())));
        return expanded;
    }

    @Override
    public String toString() {
        return implied.toString();
    }
}
