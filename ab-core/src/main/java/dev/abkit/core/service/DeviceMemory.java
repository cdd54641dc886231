package dev.abkit.core.service;

import dev.abkit.core.model.Assignment;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * Registered devices kept in memory, a few dozen bytes each, so that a returning device is answered
 * without storage (a device never changes once registered, R1 and R2, so a remembered one is never
 * stale). Bounded by bytes, not by count: two generations; when the newer one is full, the older one
 * is dropped whole and a new one begins, twice as large as the last up to half the bound, so the
 * memory taken grows with the devices seen. A device found only in the older generation
 * is copied into the newer one, so devices that keep coming back stay.
 *
 * <p>A generation is one byte array holding, per device, its token (device tokens are ASCII) and
 * the codes of its experiments and options, and an open-addressing table of offsets into it with the
 * tokens' hashes beside them. Readers take no lock and allocate nothing but the answer; writers
 * lock the generation they write, and publish an entry only after its bytes are written.
 */
final class DeviceMemory {

    /** Bytes of a device record besides its token: token length, experiment count, 3 per experiment. */
    private static final int RECORD_OVERHEAD = 2;
    private static final int PER_EXPERIMENT = 3;
    private static final int MAX_EXPERIMENTS = 255;

    /** The first generation's size: memory grows with the devices seen, up to the bound. */
    private static final int FIRST_GENERATION_BYTES = 64 * 1024;

    private final int generationBytes;
    private volatile Generation newer;
    private volatile Generation older;

    /** @param maxBytes the memory both generations may take together; 0 remembers nothing */
    DeviceMemory(long maxBytes) {
        this.generationBytes = (int) Math.min(maxBytes / 2, 1L << 30);
        this.newer = new Generation(Math.min(generationBytes, FIRST_GENERATION_BYTES));
        this.older = new Generation(0);
    }

    /**
     * The remembered device's assignments in experiments running now, in the order it received them
     * (the experiments' creation order); {@code null} if the device is not remembered.
     */
    List<Assignment> recall(String token, ExperimentCodes codes, boolean[] runningByCode) {
        int hash = spread(token.hashCode());
        Generation generation = newer;
        int at = generation.find(token, hash);
        if (at < 0) {
            Generation old = older;
            at = old.find(token, hash);
            if (at < 0) {
                return null;
            }
            promote(old, at, token, hash);
            generation = old;
        }
        return generation.served(at, codes, runningByCode);
    }

    /**
     * Remembers a device with these experiment codes and option positions, in the order given.
     * Does nothing for a device with more experiments than a record holds.
     */
    void remember(String token, int[] experimentCodes, int[] options, int count) {
        if (count > MAX_EXPERIMENTS || generationBytes == 0) {
            return;
        }
        int hash = spread(token.hashCode());
        Generation target = newer;
        if (!target.add(token, hash, experimentCodes, options, count)) {
            rotate(target);
            newer.add(token, hash, experimentCodes, options, count); // false only for a record larger than a generation
        }
    }

    private void promote(Generation old, int at, String token, int hash) {
        int count = old.experimentCount(at, token.length());
        int[] experimentCodes = new int[count];
        int[] options = new int[count];
        old.codes(at, token.length(), experimentCodes, options);
        remember(token, experimentCodes, options, count);
    }

    /**
     * Starts a new generation, twice the size of the full one up to the bound, unless another thread
     * did since {@code full} was found full.
     */
    private synchronized void rotate(Generation full) {
        if (newer == full) {
            older = full;
            newer = new Generation((int) Math.min(generationBytes, 2L * full.bytes));
        }
    }

    private static int spread(int hash) {
        return (hash ^ (hash >>> 16)) | 1; // never 0: 0 marks an empty slot
    }

    /** One generation: an arena of device records and a table of their offsets. */
    private static final class Generation {

        private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(int[].class);

        private final int bytes;
        private final byte[] arena;
        /** Per slot: 0 if empty, else the record's offset + 1; published last. */
        private final int[] offsets;
        private final int[] hashes;
        private final int mask;
        private int used;
        private int entries;

        Generation(int bytes) {
            this.bytes = bytes;
            // About a quarter for the table (8 bytes a slot, half of the slots used), the rest for records.
            int slots = bytes < 64 ? 2 : Integer.highestOneBit(bytes / 32);
            this.offsets = new int[slots];
            this.hashes = new int[slots];
            this.mask = slots - 1;
            this.arena = new byte[Math.max(0, bytes - slots * 8)];
        }

        int find(String token, int hash) {
            for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
                int entry = (int) SLOT.getAcquire(offsets, slot);
                if (entry == 0) {
                    return -1;
                }
                if (hashes[slot] == hash && holds(entry - 1, token)) {
                    return entry - 1;
                }
            }
        }

        private boolean holds(int at, String token) {
            int length = token.length();
            if ((arena[at] & 0xFF) != length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (arena[at + 1 + i] != (byte) token.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        int experimentCount(int at, int tokenLength) {
            return arena[at + 1 + tokenLength] & 0xFF;
        }

        void codes(int at, int tokenLength, int[] experimentCodes, int[] options) {
            int count = experimentCount(at, tokenLength);
            int position = at + RECORD_OVERHEAD + tokenLength;
            for (int i = 0; i < count; i++, position += PER_EXPERIMENT) {
                experimentCodes[i] = ((arena[position] & 0xFF) << 8) | (arena[position + 1] & 0xFF);
                options[i] = arena[position + 2] & 0xFF;
            }
        }

        /** The answer, allocating nothing but itself: the common one or two experiments need no array. */
        List<Assignment> served(int at, ExperimentCodes codes, boolean[] runningByCode) {
            int tokenLength = arena[at] & 0xFF;
            int count = experimentCount(at, tokenLength);
            int first = at + RECORD_OVERHEAD + tokenLength;
            int served = 0;
            int firstServed = -1;
            int secondServed = -1;
            for (int i = 0, position = first; i < count; i++, position += PER_EXPERIMENT) {
                if (isRunning(position, runningByCode)) {
                    if (served == 0) {
                        firstServed = position;
                    } else if (served == 1) {
                        secondServed = position;
                    }
                    served++;
                }
            }
            switch (served) {
                case 0:
                    return List.of();
                case 1:
                    return List.of(assignmentAt(firstServed, codes));
                case 2:
                    return List.of(assignmentAt(firstServed, codes), assignmentAt(secondServed, codes));
                default:
                    Assignment[] answer = new Assignment[served];
                    for (int i = 0, n = 0, position = first; i < count; i++, position += PER_EXPERIMENT) {
                        if (isRunning(position, runningByCode)) {
                            answer[n++] = assignmentAt(position, codes);
                        }
                    }
                    return List.of(answer);
            }
        }

        private Assignment assignmentAt(int position, ExperimentCodes codes) {
            return codes.assignment(codeAt(position), arena[position + 2] & 0xFF);
        }

        private boolean isRunning(int position, boolean[] runningByCode) {
            int code = codeAt(position);
            return code < runningByCode.length && runningByCode[code];
        }

        private int codeAt(int position) {
            return ((arena[position] & 0xFF) << 8) | (arena[position + 1] & 0xFF);
        }

        /** @return false if this generation is full */
        synchronized boolean add(String token, int hash, int[] experimentCodes, int[] options, int count) {
            if (find(token, hash) >= 0) {
                return true; // remembered by a concurrent caller; a device never changes
            }
            int length = token.length();
            int size = RECORD_OVERHEAD + length + PER_EXPERIMENT * count;
            if (used + size > arena.length || (entries + 1) * 2 > offsets.length) {
                return false;
            }
            int at = used;
            arena[at] = (byte) length;
            for (int i = 0; i < length; i++) {
                arena[at + 1 + i] = (byte) token.charAt(i);
            }
            arena[at + 1 + length] = (byte) count;
            for (int i = 0, position = at + RECORD_OVERHEAD + length; i < count; i++, position += PER_EXPERIMENT) {
                arena[position] = (byte) (experimentCodes[i] >>> 8);
                arena[position + 1] = (byte) experimentCodes[i];
                arena[position + 2] = (byte) options[i];
            }
            used += size;
            entries++;
            int slot = hash & mask;
            while (offsets[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            hashes[slot] = hash;
            SLOT.setRelease(offsets, slot, at + 1); // the record's bytes and hash before its entry
            return true;
        }
    }
}
