// History: what a training run recorded, per epoch (every metric on train and validation data, lr) and per step (loss).

/** The plain-data form of a {@link History}, as stored in checkpoints and history.json. */
export interface HistoryData {
  epochs: number[];
  train: Record<string, number[]>;
  valid: Record<string, number[]>;
  lr: number[];
  stepLoss: number[];
  epochEndSteps: number[];
}

/** Metric values per epoch and the training loss per optimizer step, as `fit` returns them. */
export class History {
  /** Epoch numbers (1-based) of the recorded epochs. */
  epochs: number[] = [];
  /** Per metric name ('loss', 'accuracy', ...): its value on the training data each epoch, running over the epoch. */
  train: Record<string, number[]> = {};
  /** Per metric name: its value on the validation data after each epoch (empty without validation data). */
  valid: Record<string, number[]> = {};
  /** The learning rate of the first parameter group at the end of each epoch. */
  lr: number[] = [];
  /** The mean training loss of the batches of each optimizer step. */
  stepLoss: number[] = [];
  /** How many optimizer steps had been taken at the end of each epoch (to place per-step values on an epoch axis). */
  epochEndSteps: number[] = [];

  /** Appends one epoch's values. */
  addEpoch(epoch: number, train: Record<string, number>, valid: Record<string, number> | null, lr: number, steps: number): void {
    this.epochs.push(epoch);
    for (const [k, v] of Object.entries(train)) (this.train[k] ??= []).push(v);
    if (valid !== null) for (const [k, v] of Object.entries(valid)) (this.valid[k] ??= []).push(v);
    this.lr.push(lr);
    this.epochEndSteps.push(steps);
  }

  /** The values of a metric per epoch, from the validation data or the training data. */
  series(metric: string, split: 'train' | 'valid'): number[] {
    return (split === 'train' ? this.train : this.valid)[metric] ?? [];
  }

  /** The plain data (copies). */
  toJSON(): HistoryData {
    const copy = (r: Record<string, number[]>): Record<string, number[]> => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, [...v]]));
    return {
      epochs: [...this.epochs], train: copy(this.train), valid: copy(this.valid), lr: [...this.lr],
      stepLoss: [...this.stepLoss], epochEndSteps: [...this.epochEndSteps],
    };
  }

  /** A history from its plain data (checked for shape). */
  static fromJSON(data: HistoryData): History {
    const h = new History();
    const ok = typeof data === 'object' && data !== null && ['epochs', 'lr', 'stepLoss', 'epochEndSteps'].every((k) => Array.isArray((data as unknown as Record<string, unknown>)[k]));
    if (!ok) throw new TypeError('History.fromJSON: expected an object with epochs, train, valid, lr, stepLoss and epochEndSteps');
    const copy = (r: Record<string, number[]> | undefined): Record<string, number[]> => Object.fromEntries(Object.entries(r ?? {}).map(([k, v]) => [k, [...v]]));
    h.epochs = [...data.epochs];
    h.train = copy(data.train);
    h.valid = copy(data.valid);
    h.lr = [...data.lr];
    h.stepLoss = [...data.stepLoss];
    h.epochEndSteps = [...data.epochEndSteps];
    return h;
  }
}
