package org.distriplace.edge.stack;

import java.io.IOException;

/** One server of the stack (Redis, PostgreSQL or Kafka), with its data in a directory of its own. */
interface StackService {

    /** Its name in messages and the key edges find it by in {@code edge.conf}: redis, postgres or kafka. */
    String name();

    /** Whether it runs now (its recorded process lives and answers on its port). */
    boolean running();

    /** Starts it (on a free loopback port the first time, the same port after) and waits until it answers. */
    void start() throws IOException, InterruptedException;

    /** Stops it cleanly (killing it if it will not), keeping its data. Does nothing if it is not running. */
    void stop() throws IOException, InterruptedException;

    /** Stops it at once, as a crash would: {@code kill -9}. */
    void kill() throws IOException, InterruptedException;

    /** The value of its key in {@code edge.conf} (a URI, a host:port list, or a JDBC URL). */
    String address() throws IOException;
}
