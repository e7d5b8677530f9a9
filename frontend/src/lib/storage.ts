/** The part of localStorage the app uses; tests pass a Map-backed one. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A store in memory, for tests and for browsers that refuse localStorage. */
export class MemoryStore implements KeyValueStore {
  private data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.has(key) ? (this.data.get(key) as string) : null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

let fallback: MemoryStore | null = null;

/** localStorage when the browser allows it, otherwise memory (private mode, old WebViews). */
export function browserStore(): KeyValueStore {
  try {
    const ls = window.localStorage;
    const probe = 'hoithi.probe';
    ls.setItem(probe, '1');
    ls.removeItem(probe);
    return ls;
  } catch {
    fallback ??= new MemoryStore();
    return fallback;
  }
}

export function readJSON<T>(store: KeyValueStore, key: string): T | null {
  try {
    const raw = store.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function writeJSON(store: KeyValueStore, key: string, value: unknown): void {
  try {
    store.setItem(key, JSON.stringify(value));
  } catch {
    // A full or blocked store only costs the memory across a refresh.
  }
}

export function remove(store: KeyValueStore, key: string): void {
  try {
    store.removeItem(key);
  } catch {
    // As above.
  }
}
