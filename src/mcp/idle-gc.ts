import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * One full garbage collection once the server has been idle for `idleMs`. After a burst of load
 * V8 keeps the heap it grew until its own memory reducer gets round to shrinking it, often minutes
 * later; collecting when the load is over gives the memory back to the system now. Node offers
 * `gc()` only with --expose-gc; setting the flag at run time exposes it to new contexts.
 */
export function idleCollector(idleMs: number): { touch(): void; stop(): void } {
  let gc: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  const collect = () => {
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    if (!gc) {
      setFlagsFromString("--expose-gc");
      gc = runInNewContext("gc") as () => void;
    }
    gc();
  };
  return {
    touch() {
      dirty = true;
      if (timer) clearTimeout(timer);
      timer = setTimeout(collect, idleMs);
      timer.unref();
    },
    stop() {
      if (timer) clearTimeout(timer);
    },
  };
}
