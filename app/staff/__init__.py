"""Staff at key posts tested every few days, and environmental surface swabs (issue 18, part 3)."""
