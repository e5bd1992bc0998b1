"""The review workflow in the window: campaigns, the scoring window, pre-checks, double review."""
