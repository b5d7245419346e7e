"""The runner's pages, one module per area: accounts, today, and the rest to come."""
