// SpamAssassin bag-of-words features built once with @nn/data's text tools and cached in a binary file every peer reads,
// so the spam workloads time training only and every implementation trains on the same features.
import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as data from '@nn/data';

/** Words kept in the vocabulary: the most frequent ones over all messages. */
export const SPAM_VOCABULARY = 20_000;

// Lower-cased runs of letters when @nn/data has no word tokenizer.
const fallbackTokenize = (text) => text.toLowerCase().match(/\p{L}+/gu) ?? [];

/**
 * Builds (or finds in the temp folder) the feature file: each message's binary bag of words over the 20,000 most
 * frequent lower-cased words, labels 1 for spam. Returns its path, row count and how the features were made.
 */
export function spamFeatures() {
  const messages = data.loadSpamAssassin();
  const tools = typeof data.wordTokenize === 'function' && typeof data.bagOfWords === 'function' && typeof data.Vocabulary?.build === 'function';
  const tokenizer = tools ? '@nn/data wordTokenize (lowercase, punctuation dropped)' : 'lowercase \\p{L}+ runs';
  const tokenize = tools ? (t) => data.wordTokenize(t, { lowercase: true, punctuation: 'drop' }) : fallbackTokenize;
  // The key covers a sample of the tokenizer's output, so a changed tokenizer never reuses stale features.
  const sample = messages.slice(0, 20).map((m) => tokenize(m.text).join(' ')).join('\n');
  const key = createHash('sha256').update(`${messages.length}|${tokenizer}|${SPAM_VOCABULARY}|${sample}`).digest('hex').slice(0, 12);
  const path = join(tmpdir(), `nn-bench-spam-${key}.bin`);
  const description = { path, rows: messages.length, tokenizer };
  if (existsSync(path)) return description;

  const docs = messages.map((m) => tokenize(m.text));
  const { indptr, indices, values, cols } = tools ? encodeWithData(docs) : encodeByHand(docs);
  const labels = Float32Array.from(messages, (m) => (m.label === 'spam' ? 1 : 0));
  const header = Int32Array.of(messages.length, cols, indices.length);
  const parts = [header, indptr, indices, values, labels].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  writeFileSync(`${path}.tmp`, Buffer.concat(parts));
  renameSync(`${path}.tmp`, path);
  return description;
}

function encodeWithData(docs) {
  const vocab = data.Vocabulary.build(docs, { pad: null, unk: null, maxSize: SPAM_VOCABULARY });
  const bow = data.bagOfWords(docs, vocab, { binary: true });
  return { indptr: bow.indptr, indices: bow.indices, values: bow.values, cols: bow.shape[1] };
}

function encodeByHand(docs) {
  const counts = new Map();
  for (const doc of docs) for (const t of doc) counts.set(t, (counts.get(t) ?? 0) + 1);
  const ids = new Map([...counts].sort((a, b) => b[1] - a[1]).slice(0, SPAM_VOCABULARY).map(([t], i) => [t, i]));
  const indptr = new Int32Array(docs.length + 1), cols = [];
  docs.forEach((doc, r) => {
    const row = [...new Set(doc.map((t) => ids.get(t)).filter((id) => id !== undefined))].sort((a, b) => a - b);
    cols.push(...row);
    indptr[r + 1] = cols.length;
  });
  return { indptr, indices: Int32Array.from(cols), values: new Float32Array(cols.length).fill(1), cols: ids.size };
}
