// Tokenizers and sentence helpers: Unicode (accents, combining marks, CJK, emoji), punctuation, line endings, padding.
import { describe, expect, it } from 'vitest';
import { charTokenize } from '../src/text/chars.js';
import { padSequence, splitSentences } from '../src/text/sentences.js';
import { createWordTokenizer, whitespaceTokenize, wordTokenize } from '../src/text/tokenize.js';

describe('wordTokenize', () => {
  it('keeps contractions, hyphenated words and numbers whole and makes punctuation tokens', () => {
    expect(wordTokenize("Don't stop -- it's well-known: pi is 3.14, not 1,000!")).toEqual(
      ["Don't", 'stop', '--', "it's", 'well-known', ':', 'pi', 'is', '3.14', ',', 'not', '1,000', '!'],
    );
  });

  it('keeps a run of one repeated mark together and splits mixed marks', () => {
    expect(wordTokenize('Wait... what?!')).toEqual(['Wait', '...', 'what', '?', '!']);
  });

  it('drops punctuation, symbols and emoji on request and lower-cases', () => {
    expect(wordTokenize('The WHALE, the Sea; 2nd 👍🏽 “quote”', { punctuation: 'drop', lowercase: true })).toEqual(['the', 'whale', 'the', 'sea', '2nd', 'quote']);
  });

  it('treats a point between letters and a trailing apostrophe as punctuation', () => {
    expect(wordTokenize("e.g. the sailors' rope")).toEqual(['e', '.', 'g', '.', 'the', 'sailors', "'", 'rope']);
  });

  it('normalises to NFC so composed and decomposed accents give one token', () => {
    const composed = 'caf\u00e9 na\u00efve';
    const decomposed = 'cafe\u0301 nai\u0308ve';
    expect(wordTokenize(decomposed)).toEqual(wordTokenize(composed));
    expect(wordTokenize(decomposed)[0]).toBe('caf\u00e9');
    // Without normalisation the combining mark still stays inside its word.
    expect(wordTokenize(decomposed, { normalize: false })).toEqual(['cafe\u0301', 'nai\u0308ve']);
    expect(wordTokenize('ÉCOLE Ärger', { lowercase: true })).toEqual(['école', 'ärger']);
  });

  it('keeps letters with combining marks that have no precomposed form in one word', () => {
    expect(wordTokenize('q\u0323\u0307x y')).toEqual(['q\u0323\u0307x', 'y']);
  });

  it('keeps CJK runs whole by default and splits them into characters with cjk: char', () => {
    expect(wordTokenize('我爱北京。東京タワー')).toEqual(['我爱北京', '。', '東京タワー']);
    expect(wordTokenize('我爱北京。Tokyo', { cjk: 'char' })).toEqual(['我', '爱', '北', '京', '。', 'Tokyo']);
  });

  it('makes each emoji (with modifiers, ZWJ sequences and flags) one token', () => {
    expect(wordTokenize('I ❤️ it 👍🏽👨‍👩‍👧 🇫🇷')).toEqual(['I', '❤️', 'it', '👍🏽', '👨‍👩‍👧', '🇫🇷']);
  });

  it('handles empty text, blank lines and CRLF', () => {
    expect(wordTokenize('')).toEqual([]);
    expect(wordTokenize('\r\n\r\n  \n')).toEqual([]);
    expect(wordTokenize('one\r\ntwo\n\nthree')).toEqual(['one', 'two', 'three']);
  });

  it('rejects bad options and non-string text', () => {
    expect(() => createWordTokenizer({ punctuation: 'strip' as never })).toThrow(/createWordTokenizer: punctuation must be 'keep' or 'drop', got strip/);
    expect(() => createWordTokenizer({ normalize: 'NFX' as never })).toThrow(/normalize must be .* got NFX/);
    expect(() => wordTokenize(42 as never)).toThrow(/wordTokenize: text must be a string, got number/);
  });
});

describe('whitespaceTokenize', () => {
  it('splits on any Unicode whitespace and keeps punctuation attached', () => {
    expect(whitespaceTokenize(' a,\tb\u00a0c\r\nd\n\n')).toEqual(['a,', 'b', 'c', 'd']);
    expect(whitespaceTokenize('')).toEqual([]);
    expect(whitespaceTokenize('The Sea', { lowercase: true })).toEqual(['the', 'sea']);
  });
});

describe('charTokenize', () => {
  it('splits by code point, so astral characters are never halved', () => {
    expect(charTokenize('a😀b')).toEqual(['a', '😀', 'b']);
    expect(charTokenize('𝔘')).toHaveLength(1);
  });

  it('composes accents under NFC and keeps the mark separate without it', () => {
    expect(charTokenize('e\u0301')).toEqual(['\u00e9']);
    expect(charTokenize('e\u0301', { normalize: false })).toEqual(['e', '\u0301']);
  });

  it('keeps or drops whitespace and newlines, with CRLF as one newline', () => {
    expect(charTokenize('a b\r\nc')).toEqual(['a', ' ', 'b', '\n', 'c']);
    expect(charTokenize('a b\r\nc', { keepWhitespace: false })).toEqual(['a', 'b', 'c']);
    expect(charTokenize('a b\r\n\tc', { keepWhitespace: false, keepNewlines: true })).toEqual(['a', 'b', '\n', 'c']);
    expect(charTokenize('A\rB', { lowercase: true })).toEqual(['a', '\n', 'b']);
  });
});

describe('splitSentences', () => {
  it('splits on sentence ends, keeps abbreviations and initials, and joins hard-wrapped lines', () => {
    const text = 'Mr. Smith sailed to\nNantucket. He said "Ahoy!" Then J. R. Hart left... And e.g. this.\r\n\r\n第一句。第二句！\n\nLast words';
    expect(splitSentences(text)).toEqual([
      'Mr. Smith sailed to Nantucket.',
      'He said "Ahoy!"',
      'Then J. R. Hart left...',
      'And e.g. this.',
      '第一句。',
      '第二句！',
      'Last words',
    ]);
  });

  it('ends a sentence at every line break in boundary mode and drops empty lines', () => {
    expect(splitSentences('one\r\ntwo\n\n\nthree', { newlines: 'boundary' })).toEqual(['one', 'two', 'three']);
    expect(splitSentences('  \n\n ')).toEqual([]);
  });

  it('uses the given abbreviations instead of the English list', () => {
    expect(splitSentences('See Mr. Smith.', { abbreviations: [] })).toEqual(['See Mr.', 'Smith.']);
    expect(splitSentences('He met (Dr. Who) and "Capt. Ahab". Then left.')).toEqual(['He met (Dr. Who) and "Capt. Ahab".', 'Then left.']);
  });
});

describe('padSequence', () => {
  it('pads with n - 1 starts and one end, or n - 1 ends as NLTK pad_both_ends', () => {
    expect(padSequence(['a', 'b'], 3)).toEqual(['<s>', '<s>', 'a', 'b', '</s>']);
    expect(padSequence(['a', 'b'], 3, { endPadding: 'full' })).toEqual(['<s>', '<s>', 'a', 'b', '</s>', '</s>']);
    expect(padSequence([], 1)).toEqual(['</s>']);
    expect(padSequence(['x'], 2, { start: 'BOS', end: 'EOS' })).toEqual(['BOS', 'x', 'EOS']);
  });

  it('rejects n < 1, non-integer n and non-token input', () => {
    expect(() => padSequence(['a'], 0)).toThrow('padSequence: n must be >= 1, got 0');
    expect(() => padSequence(['a'], 2.5)).toThrow('padSequence: n must be an integer, got 2.5');
    expect(() => padSequence(['a', 3] as never, 2)).toThrow('padSequence: tokens[1] must be a string token, got 3');
  });
});
