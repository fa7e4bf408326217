"""The reviewer's pure functions: near-duplicate clusters (similarity) and the comparison of two
drafts (diff)."""
