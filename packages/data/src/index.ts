// Public entry of @nn/data: datasets, data loaders, tokenizers, vocabularies, encoders and readers for real corpora.
// The package is scaffolded; its API lands with its own work items.
export {};
