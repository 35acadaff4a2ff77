"""The Convention's rules and the value types they use; imports nothing of ccmctl above it."""
