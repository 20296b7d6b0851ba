package org.t37gw.config;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean ...": the closest candidate by edit distance, for typos in command words and keywords. */
final class Suggest {

    private Suggest() {
    }

    /**
     * The candidate closest to {@code typed}, or {@code null} when none is close: at most 2 edits
     * (1 for words of up to 4 characters), or {@code typed} is a unique prefix of a candidate. Numbers get
     * no suggestion (a wrong number is not a typo of a listed one).
     */
    static String closest(String typed, Collection<String> candidates) {
        String t = typed.toLowerCase(Locale.ROOT);
        if (t.chars().allMatch(Character::isDigit)) {
            return null;
        }
        String prefixMatch = null;
        int prefixMatches = 0;
        for (String c : candidates) {
            if (c.toLowerCase(Locale.ROOT).startsWith(t)) {
                prefixMatch = c;
                prefixMatches++;
            }
        }
        if (prefixMatches == 1 && t.length() >= 2) {
            return prefixMatch;
        }
        int limit = t.length() <= 4 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(t, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /** " did you mean \"X\"?" or "" when nothing is close. */
    static String hint(String typed, Collection<String> candidates) {
        String c = closest(typed, candidates);
        return c == null ? "" : "; did you mean \"" + c + "\"?";
    }

    /** Damerau-Levenshtein distance (optimal string alignment): a swap of two neighbours is one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
