"""Cross-check rules, one family per module; each module registers its rules at import."""
