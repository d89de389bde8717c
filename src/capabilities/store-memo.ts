import type { Db } from "../store/db.js";
import { readDataVersion } from "../store/queries/data-version.js";

/**
 * Values derived from the store, remembered while its data does not change. Each store connection
 * has its own memo, emptied as soon as the store's data version moves (another process committed,
 * or this connection wrote), so a value is never older than the data it was computed from. Use it
 * for inputs many questions share (the priced hours behind every hourly anomaly question, a block
 * of daily rows), not for answers: each question still computes its own answer.
 *
 * Bounded by weight (rows or cells, ~100-200 bytes each): least recently used values leave first,
 * and a value heavier than the whole budget is used once and not kept.
 */

const MAX_WEIGHT = 400_000;

interface Slot {
  value: Promise<unknown>;
  weight: number;
}

interface Memo {
  version: string;
  slots: Map<string, Slot>;
  weight: number;
}

const memos = new WeakMap<Db, Memo>();

export async function memoOnData<T>(
  db: Db,
  key: string,
  compute: () => Promise<T>,
  /** Rows or cells the value holds. */
  weigh: (value: T) => number,
): Promise<T> {
  const version = await readDataVersion(db);
  let memo = memos.get(db);
  if (!memo || memo.version !== version) {
    memo = { version, slots: new Map(), weight: 0 };
    memos.set(db, memo);
  }
  const known = memo.slots.get(key);
  if (known) {
    memo.slots.delete(key);
    memo.slots.set(key, known);
    return known.value as Promise<T>;
  }
  const slot: Slot = { value: compute(), weight: 0 };
  memo.slots.set(key, slot);
  const current = memo;
  try {
    const value = (await slot.value) as T;
    if (current.slots.get(key) === slot) {
      slot.weight = weigh(value);
      // Heavier than the whole budget: not kept, and nothing else is pushed out for it.
      if (slot.weight > MAX_WEIGHT) current.slots.delete(key);
      else {
        current.weight += slot.weight;
        shrink(current);
      }
    }
    return value;
  } catch (err) {
    // A failed read is not remembered: the next question tries again.
    if (current.slots.get(key) === slot) current.slots.delete(key);
    throw err;
  }
}

function shrink(memo: Memo): void {
  for (const [key, slot] of memo.slots) {
    if (memo.weight <= MAX_WEIGHT) return;
    memo.slots.delete(key);
    memo.weight -= slot.weight;
  }
}
