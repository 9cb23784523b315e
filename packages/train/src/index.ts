// Public entry of @nn/train: the training loop: metrics, callbacks, progress, learning curves and checkpoints.
// The package is scaffolded; its API lands with its own work items.
export {};
