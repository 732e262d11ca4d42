package org.distriplace.core.store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;

/** The store's binary encoding of account entries: one per row of the accounts table, or a list (in-doubt). */
final class AccountFormat {

    private AccountFormat() {
    }

    static byte[] entry(AccountEntry entry) {
        return BinaryFormat.encode(out -> write(out, entry));
    }

    static AccountEntry entry(byte[] data) {
        return BinaryFormat.decode(data, AccountFormat::read);
    }

    static byte[] entries(List<AccountEntry> entries) {
        return BinaryFormat.encode(out -> {
            out.writeInt(entries.size());
            for (AccountEntry entry : entries) {
                write(out, entry);
            }
        });
    }

    static List<AccountEntry> entries(byte[] data) {
        return BinaryFormat.decode(data, in -> {
            int count = in.readInt();
            List<AccountEntry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                entries.add(read(in));
            }
            return entries;
        });
    }

    private static void write(DataOutputStream out, AccountEntry entry) throws IOException {
        AccountChange change = entry.change();
        out.writeUTF(change.kind().name());
        out.writeUTF(change.name());
        out.writeUTF(change.detail());
        out.writeUTF(change.actor());
        out.writeInt(entry.origin());
        out.writeLong(entry.requestId());
        out.writeLong(entry.timestamp());
        out.writeInt(entry.nodeId());
        out.writeLong(entry.counter());
        out.writeLong(entry.epoch());
        out.writeLong(entry.batch());
    }

    private static AccountEntry read(DataInputStream in) throws IOException {
        AccountChange change = new AccountChange(AccountChange.Kind.valueOf(in.readUTF()), in.readUTF(),
            in.readUTF(), in.readUTF());
        return new AccountEntry(change, in.readInt(), in.readLong(), in.readLong(), in.readInt(), in.readLong(),
            in.readLong(), in.readLong());
    }
}
