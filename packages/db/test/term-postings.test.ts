import { seededRandom } from '@rasid/parser';
import { storySignature } from '@rasid/parser/stories';
import { describe, expect, it } from 'vitest';
import { TermPostings } from '../src/queries/term-postings.ts';

/** The slots of `term`'s list, in order, read as forEachCandidate reads them. */
function listOf(postings: TermPostings, term: number): number[] {
  const cell = postings.find(term);
  if (cell < 0) return [];
  const slots: number[] = [];
  for (let entry = postings.headAt(cell); entry >= 0; entry = postings.entryNext[entry] as number)
    slots.push(postings.entrySlot[entry] as number);
  expect(postings.countAt(cell)).toBe(slots.length);
  return slots;
}

describe('TermPostings', () => {
  // Terms are 32-bit hashes: unsigned ones above 2^31 - 1 are the same term as their signed form.
  it.each([
    { name: 'zero', term: 0 },
    { name: 'unsigned above 2^31 - 1', term: 0xfedcba98 },
    { name: 'its signed form', term: 0xfedcba98 | 0 },
    { name: 'the largest hash', term: 0xffffffff },
    { name: 'negative', term: -7 },
  ])('keeps a $name term', ({ term }) => {
    const postings = new TermPostings(1);
    postings.add(term, 3);
    postings.add(term, 9);
    expect(listOf(postings, term)).toEqual([3, 9]);
    expect(listOf(postings, term | 0)).toEqual([3, 9]);
    expect(postings.find(term + 1)).toBe(-1);
  });

  it.each([
    { name: 'the first', remove: 1, left: [2, 3] },
    { name: 'a middle one', remove: 2, left: [1, 3] },
    { name: 'the last', remove: 3, left: [1, 2] },
  ])('takes $name posting off a list and keeps the order of the rest', ({ remove, left }) => {
    const postings = new TermPostings();
    for (const slot of [1, 2, 3]) postings.add(42, slot);
    expect(postings.remove(42, remove)).toBe(true);
    expect(listOf(postings, 42)).toEqual(left);
    // A slot added after a removal goes at the end: the tail moved with the removal.
    postings.add(42, 7);
    expect(listOf(postings, 42)).toEqual([...left, 7]);
  });

  it('empties a list and fills it again; removing what is not there changes nothing', () => {
    const postings = new TermPostings();
    postings.add(5, 1);
    expect(postings.remove(5, 2)).toBe(false);
    expect(postings.remove(6, 1)).toBe(false);
    expect(postings.remove(5, 1)).toBe(true);
    expect(postings.remove(5, 1)).toBe(false);
    expect(listOf(postings, 5)).toEqual([]);
    expect(postings.headAt(postings.find(5))).toBe(-1);
    postings.add(5, 4);
    expect(listOf(postings, 5)).toEqual([4]);
  });

  // The story index's own use: the lead terms of real articles' signatures, many members a day, a few
  // removed (reassigned), checked against a Map of arrays (what the index held before) after every step.
  it('holds what a Map of arrays holds, through growth and removals, on real story signatures', () => {
    const texts = [
      [
        'غانتس يوقع في الرباط مذكرة تفاهم دفاعية مع المغرب',
        'وقع وزير الدفاع الإسرائيلي بيني غانتس في الرباط مذكرة تفاهم دفاعية مع الوزير المغربي عبد اللطيف لوديي',
      ],
      [
        'الرباط وتل أبيب توقعان اتفاقية تعاون عسكري',
        'وقع المغرب وإسرائيل في الرباط مذكرة تفاهم للتعاون الدفاعي خلال زيارة وزير الدفاع بيني غانتس',
      ],
      [
        'Floods kill dozens in the north',
        'Heavy rain flooded villages across the northern provinces on Monday, killing at least 40 people.',
      ],
      [
        'Inondations meurtrières dans le nord',
        'De fortes pluies ont inondé des villages du nord lundi, faisant au moins quarante morts.',
      ],
    ];
    const leads = texts.map(([title, body]) => storySignature(title as string, body as string).lead);
    const random = seededRandom(7);
    // Extra terms beside the real ones, so that the table grows several times.
    const pool = [...leads.flat(), ...Array.from({ length: 3000 }, () => Math.floor(random() * 2 ** 32))];
    const postings = new TermPostings(4);
    const model = new Map<number, number[]>();
    const added = new Map<number, number[]>();
    for (let slot = 0; slot < 2000; slot++) {
      const lead = [
        ...new Set(
          Array.from(
            { length: 1 + Math.floor(random() * 40) },
            () => pool[Math.floor(random() * pool.length)] as number,
          ),
        ),
      ];
      added.set(slot, lead);
      for (const term of lead) {
        postings.add(term, slot);
        const key = term | 0;
        model.set(key, [...(model.get(key) ?? []), slot]);
      }
      if (random() < 0.1) {
        const gone = Math.floor(random() * slot);
        for (const term of added.get(gone) ?? []) {
          const key = term | 0;
          expect(postings.remove(term, gone)).toBe(true);
          model.set(
            key,
            (model.get(key) ?? []).filter((s) => s !== gone),
          );
        }
        added.delete(gone);
      }
    }
    expect(model.size).toBeGreaterThan(2000);
    for (const [term, slots] of model) expect(listOf(postings, term)).toEqual(slots);
    for (const lead of leads) for (const term of lead) expect(postings.find(term)).toBeGreaterThanOrEqual(0);
  });
});
