// Posting lists of 32-bit terms, each list the slots that hold the term in the order they were added, kept in
// typed arrays: a hash table of terms (open addressing) and one linked list of entries per term. The story
// index holds one per day, about 40 postings for each of 12,000 or more members. As a Map of term to array it
// was a Map entry and an array per term and an element per posting, all on the JavaScript heap: every load of
// a day allocated them anew, the collector traced them for as long as the day was kept, and loading and adding
// members allocated a fifth of what the thread storing ../shared/corpus allocated.

const EMPTY = -1;

/** The hash table's arrays for `cells` cells: terms, taken, heads, tails, counts. */
function emptyTable(
  cells: number,
): [
  Int32Array<ArrayBuffer>,
  Uint8Array<ArrayBuffer>,
  Int32Array<ArrayBuffer>,
  Int32Array<ArrayBuffer>,
  Int32Array<ArrayBuffer>,
] {
  return [
    new Int32Array(cells),
    new Uint8Array(cells),
    new Int32Array(cells),
    new Int32Array(cells),
    new Int32Array(cells),
  ];
}

export class TermPostings {
  // Hash table of terms: the term of each cell, whether the cell is taken, and its list's first and last
  // entry and length. A term whose postings were all removed keeps its cell (head EMPTY, count 0).
  private terms: Int32Array<ArrayBuffer>;
  private taken: Uint8Array<ArrayBuffer>;
  private heads: Int32Array<ArrayBuffer>;
  private tails: Int32Array<ArrayBuffer>;
  private counts: Int32Array<ArrayBuffer>;
  private mask: number;
  private termCount = 0;
  /** Per entry, the slot it holds and the next entry of its list (EMPTY at the end). */
  entrySlot: Int32Array<ArrayBuffer>;
  entryNext: Int32Array<ArrayBuffer>;
  private entryCount = 0;

  /** `capacity`: terms it holds before it first grows (a power of two is kept: rounded up). */
  constructor(capacity = 64) {
    let cells = 16;
    while (cells < capacity * 2) cells *= 2;
    this.mask = cells - 1;
    [this.terms, this.taken, this.heads, this.tails, this.counts] = emptyTable(cells);
    this.entrySlot = new Int32Array(cells);
    this.entryNext = new Int32Array(cells);
  }

  // Terms are hashes already (spread over all 32 bits), but a multiplicative step keeps a table whose terms
  // share low bits from clustering.
  private cellOf(term: number): number {
    let cell = Math.imul(term, 0x9e3779b1) & this.mask;
    while (this.taken[cell] === 1 && this.terms[cell] !== term) cell = (cell + 1) & this.mask;
    return cell;
  }

  /** The cell holding `term`, or -1 when it was never added. */
  find(term: number): number {
    const cell = this.cellOf(term | 0);
    return this.taken[cell] === 1 ? cell : -1;
  }

  /** How many slots hold the term of `cell` (from find). */
  countAt(cell: number): number {
    return this.counts[cell] as number;
  }

  /** The first entry of the list of `cell` (from find), or -1 when it is empty; go on with entryNext. */
  headAt(cell: number): number {
    return this.heads[cell] as number;
  }

  /**
   * Adds `slot` at the end of `term`'s list. A term is kept as its signed 32-bit form (`term | 0`, one to
   * one): story hashes are unsigned, and an unsigned hash and its signed form are the same term.
   */
  add(term: number, slot: number): void {
    const key = term | 0;
    if ((this.termCount + 1) * 2 > this.mask + 1) this.growTable();
    const cell = this.cellOf(key);
    if (this.taken[cell] === 0) {
      this.taken[cell] = 1;
      this.terms[cell] = key;
      this.heads[cell] = EMPTY;
      this.tails[cell] = EMPTY;
      this.counts[cell] = 0;
      this.termCount++;
    }
    if (this.entryCount === this.entrySlot.length) this.growEntries();
    const entry = this.entryCount++;
    this.entrySlot[entry] = slot;
    this.entryNext[entry] = EMPTY;
    const tail = this.tails[cell] as number;
    if (tail === EMPTY) this.heads[cell] = entry;
    else this.entryNext[tail] = entry;
    this.tails[cell] = entry;
    this.counts[cell] = (this.counts[cell] as number) + 1;
  }

  /** Takes the first posting of `slot` off `term`'s list; false when it has none. */
  remove(term: number, slot: number): boolean {
    const cell = this.find(term);
    if (cell < 0) return false;
    let previous = EMPTY;
    for (let entry = this.heads[cell] as number; entry !== EMPTY; entry = this.entryNext[entry] as number) {
      if (this.entrySlot[entry] !== slot) {
        previous = entry;
        continue;
      }
      const next = this.entryNext[entry] as number;
      if (previous === EMPTY) this.heads[cell] = next;
      else this.entryNext[previous] = next;
      if (this.tails[cell] === entry) this.tails[cell] = previous;
      this.counts[cell] = (this.counts[cell] as number) - 1;
      return true;
    }
    return false;
  }

  private growTable(): void {
    const { terms, taken, heads, tails, counts } = this;
    const cells = (this.mask + 1) * 2;
    this.mask = cells - 1;
    [this.terms, this.taken, this.heads, this.tails, this.counts] = emptyTable(cells);
    for (let old = 0; old < taken.length; old++) {
      if (taken[old] === 0) continue;
      const cell = this.cellOf(terms[old] as number);
      this.taken[cell] = 1;
      this.terms[cell] = terms[old] as number;
      this.heads[cell] = heads[old] as number;
      this.tails[cell] = tails[old] as number;
      this.counts[cell] = counts[old] as number;
    }
  }

  private growEntries(): void {
    const slots = new Int32Array(this.entrySlot.length * 2);
    slots.set(this.entrySlot);
    this.entrySlot = slots;
    const next = new Int32Array(this.entryNext.length * 2);
    next.set(this.entryNext);
    this.entryNext = next;
  }
}
