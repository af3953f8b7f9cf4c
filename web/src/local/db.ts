/**
 * The browser's own storage (IndexedDB): the interview in progress and past results, on this device only,
 * without an account. Three stores: `current` (the interview in progress, one record), `results` (one per
 * finished interview) and `diary` (entries made on this device).
 */
const NAME = "backcheck";
const STORES = ["current", "results", "diary"] as const;
export type StoreName = (typeof STORES)[number];

let opening: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const r = indexedDB.open(NAME, 1);
    r.onupgradeneeded = () => {
      for (const s of STORES)
        if (!r.result.objectStoreNames.contains(s))
          r.result.createObjectStore(s, s === "current" ? undefined : { keyPath: "id" });
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error("indexedDB"));
  });
  opening.catch(() => (opening = undefined));
  return opening;
}

async function run<T>(store: StoreName, mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = f(tx.objectStore(store));
    tx.oncomplete = () => resolve(req.result as T);
    tx.onerror = () => reject(tx.error ?? new Error("indexedDB"));
    tx.onabort = () => reject(tx.error ?? new Error("indexedDB"));
  });
}

export const dbGet = <T>(store: StoreName, key: string): Promise<T | undefined> =>
  run<T | undefined>(store, "readonly", (s) => s.get(key));
export const dbAll = <T>(store: StoreName): Promise<T[]> => run<T[]>(store, "readonly", (s) => s.getAll());
export const dbPut = (store: StoreName, value: unknown, key?: string): Promise<unknown> =>
  run(store, "readwrite", (s) => (key === undefined ? s.put(value) : s.put(value, key)));
export const dbDelete = (store: StoreName, key: string): Promise<unknown> =>
  run(store, "readwrite", (s) => s.delete(key));
export const dbClear = (store: StoreName): Promise<unknown> => run(store, "readwrite", (s) => s.clear());
