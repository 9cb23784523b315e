// Loading of committed JSON fixtures (written by the PyTorch generator scripts in tools/).
import { readFileSync } from 'node:fs';

/** Parses a JSON fixture, naming the file when it is missing or malformed. */
export function loadJsonFixture<T>(path: string | URL): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`fixture ${String(path)} cannot be read: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new Error(`fixture ${String(path)} is not valid JSON: ${(e as Error).message}`);
  }
}
