// The examples' flag helpers: values are checked, and every bad flag gives a FlagError naming script, flag and value.
import { describe, expect, it } from 'vitest';
import { FlagError, choiceFlag, nonNegativeInt, numberFlag, parseFlags, positiveInt, positiveNumber } from '../lib/cli.js';

const options = { epochs: { type: 'string', default: '5' }, model: { type: 'string', default: 'lr' } } as const;

describe('examples/lib/cli', () => {
  it('parses flags over their defaults', () => {
    expect(parseFlags('demo', 'usage: demo', options, [])).toEqual({ epochs: '5', model: 'lr' });
    expect(parseFlags('demo', 'usage: demo', options, ['--epochs', '7', '--model=mlp'])).toEqual({ epochs: '7', model: 'mlp' });
  });

  it('rejects unknown flags and positional arguments with the usage', () => {
    expect(() => parseFlags('demo', 'usage: demo [--epochs N]', options, ['--epoch', '3'])).toThrow(FlagError);
    expect(() => parseFlags('demo', 'usage: demo [--epochs N]', options, ['--epoch', '3'])).toThrow(/^demo: Unknown option '--epoch'[^]*usage: demo \[--epochs N\]$/);
    expect(() => parseFlags('demo', 'usage: demo', options, ['train'])).toThrow("demo: Unexpected argument 'train'");
  });

  it('checks numbers and choices', () => {
    expect(positiveInt('demo', 'epochs', '12')).toBe(12);
    expect(nonNegativeInt('demo', 'seed', '0')).toBe(0);
    expect(positiveNumber('demo', 'lr', '1e-3')).toBe(0.001);
    expect(choiceFlag('demo', 'model', 'mlp', ['lr', 'mlp'])).toBe('mlp');
    expect(numberFlag('demo', 'dropout', '0.5', (v) => v < 1, 'below 1')).toBe(0.5);
    const bad: [() => unknown, string][] = [
      [() => positiveInt('demo', 'epochs', '0'), 'demo: --epochs must be a positive integer, got 0'],
      [() => positiveInt('demo', 'epochs', '2.5'), 'demo: --epochs must be a positive integer, got 2.5'],
      [() => positiveInt('demo', 'epochs', ''), 'demo: --epochs must be a positive integer, got '],
      [() => nonNegativeInt('demo', 'seed', '-1'), 'demo: --seed must be a non-negative integer, got -1'],
      [() => positiveNumber('demo', 'lr', 'fast'), 'demo: --lr must be a positive number, got fast'],
      [() => positiveNumber('demo', 'lr', 'Infinity'), 'demo: --lr must be a positive number, got Infinity'],
      [() => choiceFlag('demo', 'model', 'svm', ['lr', 'mlp']), 'demo: --model must be one of lr, mlp, got svm'],
    ];
    for (const [call, message] of bad) {
      expect(call).toThrow(FlagError);
      expect(call).toThrow(message);
    }
  });
});
