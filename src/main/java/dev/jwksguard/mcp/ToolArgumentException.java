package dev.jwksguard.mcp;

/** A tool was called with arguments its schema does not allow: answered as a tool error. */
public class ToolArgumentException extends Exception {

    private static final long serialVersionUID = 1L;

    public ToolArgumentException(String message) {
        super(message, null, false, false);
    }
}
