"""One function per user action: load what it needs, ask the domain, hand back values."""
