package org.distriplace.edge.stack;

import java.io.IOException;

/** A server the stack runs is not installed: says which, and the command that installs it. */
public final class MissingPackage extends IOException {

    MissingPackage(String what, String install) {
        super(what + " is not installed; install it with: " + install);
    }
}
