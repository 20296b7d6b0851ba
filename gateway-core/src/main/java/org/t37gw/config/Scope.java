package org.t37gw.config;

/** Where a command may stand. */
enum Scope {
    GLOBAL("global", "global"),
    VOICE_PORT("voice-port", "a voice-port block"),
    DIAL_PEER("dial-peer", "a dial-peer block"),
    ANY_BLOCK("any block", "a block");

    final String title;
    final String where;

    Scope(String title, String where) {
        this.title = title;
        this.where = where;
    }
}
