// One order of an n-gram trie: n-grams stored as (id of their (n-1)-gram prefix, id of their last word), in an open-addressing hash table over Int32Arrays.
//
// Keying an n-gram by its prefix's id rather than by all n word ids keeps every key two 32-bit integers
// whatever the order and vocabulary size (no V^n < 2^53 limit, no strings), and it makes the grams of
// one order the contexts of the next.

const EMPTY = -1;

/** Grams of one order; ids are dense (0, 1, 2, ... in insertion order) so per-gram data lives in plain typed arrays. */
export class GramTable {
  /** Id of each gram's prefix in the table one order below (0, the empty context, for unigrams). */
  prefix: Int32Array;
  /** Word id of each gram's last word. */
  word: Int32Array;
  /** Number of grams. */
  size = 0;
  private slots: Int32Array;
  private mask: number;

  constructor(expected = 1024) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(16, expected * 2)));
    this.slots = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    this.prefix = new Int32Array(Math.max(8, expected));
    this.word = new Int32Array(Math.max(8, expected));
  }

  private static hash(prefix: number, word: number): number {
    let h = Math.imul(prefix, 0x9e3779b1) ^ Math.imul(word + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    return h ^ (h >>> 12);
  }

  /** Id of the gram (prefix, word), or -1 if absent. */
  find(prefix: number, word: number): number {
    let slot = GramTable.hash(prefix, word) & this.mask;
    for (;;) {
      const id = this.slots[slot]!;
      if (id === EMPTY) return -1;
      if (this.word[id] === word && this.prefix[id] === prefix) return id;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Id of the gram (prefix, word), added if absent. */
  insert(prefix: number, word: number): number {
    let slot = GramTable.hash(prefix, word) & this.mask;
    for (;;) {
      const id = this.slots[slot]!;
      if (id === EMPTY) break;
      if (this.word[id] === word && this.prefix[id] === prefix) return id;
      slot = (slot + 1) & this.mask;
    }
    const id = this.size++;
    if (id === this.prefix.length) {
      this.prefix = grow(this.prefix);
      this.word = grow(this.word);
    }
    this.prefix[id] = prefix;
    this.word[id] = word;
    this.slots[slot] = id;
    // Keep the load factor at most 1/2 so probe runs stay short.
    if (this.size * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const capacity = this.slots.length * 2;
    this.slots = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = GramTable.hash(this.prefix[id]!, this.word[id]!) & this.mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.slots[slot] = id;
    }
  }
}

/** A typed array of twice the length holding the same leading values. */
export function grow<T extends Int32Array | Float64Array>(array: T): T {
  const bigger = new (array.constructor as new (n: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}
