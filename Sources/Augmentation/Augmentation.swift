// Augmented training sets: transforms on multi-source examples.
